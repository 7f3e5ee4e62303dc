/**
 * CDK app entry. The environment is read here, once; the stack reads its own CDK context
 * (openAiSecretArn, alarmEmail, captionFont, cognitoDomainPrefix:
 * see infra/context.ts). Without credentials
 * CDK_DEFAULT_* are unset and the stack is synthesised environment-agnostic.
 */
import { App } from 'aws-cdk-lib';
import { PostshowStack } from './postshowStack.js';

const app = new App();
new PostshowStack(app, 'Postshow', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
