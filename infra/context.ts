/**
 * CDK context the stack reads (`cdk synth -c key=value`, or cdk.json's "context"), validated at
 * the edge so a typo fails synth with the key's name instead of surfacing at deploy time.
 */
import type { Node } from 'constructs';
import { z } from 'zod';
import { CAPTION_FONT_CONTEXT_KEY } from './assets/captionFont.js';
import { OPENAI_SECRET_CONTEXT_KEY } from './openAiSecret.js';

export const ALARM_EMAIL_CONTEXT_KEY = 'alarmEmail';
/** Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). */
export const COGNITO_DOMAIN_PREFIX_CONTEXT_KEY = 'cognitoDomainPrefix';
/** `false` deploys without reserved concurrency (accounts whose limit is too low to reserve from). */
export const RESERVE_CONCURRENCY_CONTEXT_KEY = 'reserveConcurrency';

const contextSchema = z.object({
  // `-c reserveConcurrency=false` arrives as the string 'false'; cdk.json may hold a boolean.
  [RESERVE_CONCURRENCY_CONTEXT_KEY]: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  [OPENAI_SECRET_CONTEXT_KEY]: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/, 'expected a Secrets Manager secret ARN')
    .optional(),
  [ALARM_EMAIL_CONTEXT_KEY]: z.email().optional(),
  [CAPTION_FONT_CONTEXT_KEY]: z.string().min(1).optional(),
  // Cognito's rules: 1-63 lowercase letters, digits and inner hyphens, and none of its reserved words.
  [COGNITO_DOMAIN_PREFIX_CONTEXT_KEY]: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'expected 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen')
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito')
    .optional(),
});

export interface PostshowContext {
  readonly openAiSecretArn?: string;
  readonly alarmEmail?: string;
  readonly captionFont?: string;
  readonly cognitoDomainPrefix?: string;
  readonly reserveConcurrency?: boolean;
}

export function readPostshowContext(node: Node): PostshowContext {
  const raw = Object.fromEntries(
    [OPENAI_SECRET_CONTEXT_KEY, ALARM_EMAIL_CONTEXT_KEY, CAPTION_FONT_CONTEXT_KEY, COGNITO_DOMAIN_PREFIX_CONTEXT_KEY, RESERVE_CONCURRENCY_CONTEXT_KEY].map((key) => [key, emptyToUndefined(node.tryGetContext(key))]),
  );
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`CDK context ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const emptyToUndefined = (value: unknown): unknown => (value === '' || value === null ? undefined : value);
