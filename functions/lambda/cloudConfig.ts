/**
 * The environment a stage Lambda runs with, validated once at cold start. The CDK stack sets exactly
 * these variables (infra/), and the local cloud simulator sets the same ones, so a wiring mistake fails
 * at the first invocation with the variable's name rather than halfway through a show.
 */
import { z } from 'zod';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';
import { booleanFlag, queueUrlsSchema, readLambdaEnv, type LambdaEnv } from './lambdaShell.js';

export const stageEnvSchema = z.object({
  POSTSHOW_STAGE: z.enum(STAGES),
  RECORDINGS_BUCKET: z.string().min(3),
  OUTPUTS_BUCKET: z.string().min(3),
  /** Only the queues this stage sends to. */
  STAGE_QUEUE_URLS: queueUrlsSchema.default({}),
  /** This stage's dead-letter queue: permanent failures are moved there at once instead of being retried. */
  DEAD_LETTER_QUEUE_URL: z.url(),
  /** Equals the queue's redrive maxReceiveCount: the delivery that reaches it is the last. */
  MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  CATALOG_TABLE: z.string().min(3).optional(),
  /** Secrets Manager secret holding the OpenAI key (plain string or JSON `{"apiKey": "..."}`); never the key itself. */
  OPENAI_SECRET_ARN: z.string().min(1).optional(),
  /** Path-style S3 addressing, for S3-compatible servers (the simulator, MinIO). @default false */
  POSTSHOW_S3_PATH_STYLE: booleanFlag.default(false),
});

export type StageEnv = z.infer<typeof stageEnvSchema>;

/** Parses the env for `stage`; throws one readable line naming every bad variable. */
export function readStageEnv(stage: StageName, env: LambdaEnv): StageEnv {
  const config = readLambdaEnv(stageEnvSchema, env);
  if (config.POSTSHOW_STAGE !== stage) {
    throw new Error(`invalid Lambda environment: POSTSHOW_STAGE is ${config.POSTSHOW_STAGE} but this is the ${stage} handler`);
  }
  if (stage === 'catalog' && !config.CATALOG_TABLE) throw new Error('invalid Lambda environment: CATALOG_TABLE is required by the catalog stage');
  return config;
}
