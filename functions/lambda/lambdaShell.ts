/**
 * What every postshow Lambda entry needs besides its own logic: its environment validated in one line,
 * AWS client settings from that environment, and the pipeline's Logger port on Powertools. Shared by
 * the stage functions and the catalog API.
 */
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { STAGES } from '../../shared/pipeline/messages.js';
import type { Logger } from '../../shared/pipeline/ports.js';

export type LambdaEnv = Readonly<Record<string, string | undefined>>;

/** A `true`/`false` environment variable. */
export const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `STAGE_QUEUE_URLS`: a JSON object of stage -> queue URL, naming only the queues the function sends to. */
export const queueUrlsSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(STAGES), z.url()));

/** Parses the variables `schema` names (empty counts as unset); throws one readable line naming every bad one. */
export function readLambdaEnv<S extends z.ZodObject>(schema: S, env: LambdaEnv): z.infer<S> {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new Error(`invalid Lambda environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Region and endpoint from the handler's env record, with the SDK's own variable names
 * (`AWS_ENDPOINT_URL_<SERVICE>` over `AWS_ENDPOINT_URL`). In Lambda the record is process.env and this
 * changes nothing; the simulator gives each stage its own record. Credentials stay with the SDK's chain.
 */
export function clientConfig(env: LambdaEnv, service: string): { region?: string; endpoint?: string } {
  const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
}

/** Our Logger port on Powertools: the same structured fields, with the Lambda context and X-Ray trace id added. */
export function portLogger(logger: PowertoolsLogger): Logger {
  return {
    debug: (message, fields) => logger.debug(message, { ...fields }),
    info: (message, fields) => logger.info(message, { ...fields }),
    warn: (message, fields) => logger.warn(message, { ...fields }),
    error: (message, fields) => logger.error(message, { ...fields }),
  };
}
