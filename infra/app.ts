/**
 * CDK app entry. The environment is read here, once; stacks take typed props.
 * The cloud topology (queues, Lambdas per stage, catalog API) arrives with the deployment issue;
 * this stack already owns the two data buckets so synth is exercised in CI from day one.
 */
import { App } from 'aws-cdk-lib';
import { PostshowStack } from './postshowStack.js';

const app = new App();
new PostshowStack(app, 'Postshow', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
