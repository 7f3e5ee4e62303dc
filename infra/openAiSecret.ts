/**
 * The OpenAI API key, in Secrets Manager. Either an existing secret (CDK context `openAiSecretArn`)
 * or one created here holding OPENAI_KEY_PLACEHOLDER, which the user replaces with the key
 * (`aws secretsmanager put-secret-value --secret-id <OpenAiSecretArn output> --secret-string sk-...`).
 * The secret string is the bare key; until it is replaced the stage runtime treats the placeholder as
 * "no key configured" and runs the offline providers.
 */
import { SecretValue } from 'aws-cdk-lib';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { OPENAI_KEY_PLACEHOLDER } from '../shared/pipeline/topology.js';

export { OPENAI_KEY_PLACEHOLDER };

export const OPENAI_SECRET_CONTEXT_KEY = 'openAiSecretArn';

/** A complete secret ARN ends in the 6-character suffix Secrets Manager adds to the name. */
const COMPLETE_ARN = /:secret:.+-[A-Za-z0-9]{6}$/;

export function openAiSecret(scope: Construct, id: string, existingArn?: string): ISecret {
  if (existingArn) {
    return COMPLETE_ARN.test(existingArn) ? Secret.fromSecretCompleteArn(scope, id, existingArn) : Secret.fromSecretPartialArn(scope, id, existingArn);
  }
  return new Secret(scope, id, {
    description: 'postshow: OpenAI API key (the bare key as the secret string). Replace the placeholder after the first deploy.',
    // Not a secret: a marker the user overwrites. Generating a random value instead would hide that step.
    secretStringValue: SecretValue.unsafePlainText(OPENAI_KEY_PLACEHOLDER),
  });
}
