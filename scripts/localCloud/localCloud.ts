/**
 * The whole deployed topology on one machine: protocol servers, buckets, queues, table, each stage's
 * Lambda handler (the same `createStageHandler` the entry files export) behind an emulated SQS event
 * source mapping, and the catalog API's handler with the stack's environment behind API Gateway's route
 * table and JWT authorizer (a local Cognito stand-in signs the tokens: `auth.issueToken`). Used by the
 * cloud integration tests and `npm run simulate:cloud`.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCatalogApiHandler } from '../../functions/lambda/catalogApi.js';
import { createStageHandler } from '../../functions/lambda/stageWorker.js';
import { DEFAULT_MAX_CONCURRENCY, STAGE_SIZING } from '../../infra/stageConfig.js';
import { parseShowId, showKeys } from '../../shared/core/keys.js';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';
import { showStatusSchema, type ShowStatus } from '../../shared/pipeline/status.js';
import { LocalEventSourceMappings, waitFor, type SqsHandler } from './eventSourceMapping.js';
import type { HttpApiEventOptions } from './httpApiEvent.js';
import { LocalJwtAuthorizer } from './jwtAuthorizer.js';
import { localHttpApi } from './localHttpApi.js';
import { startLocalCloudServers } from './localCloudServers.js';
import { createLocalTopology, LOCAL_CREDENTIALS, type LocalTopology, type LocalTopologyOptions } from './localTopology.js';

const LOCAL_CONCURRENCY_LIMIT = 2;

/**
 * Per-stage batch size and concurrency: the stack's own settings (infra/stageConfig.ts), with the
 * concurrency caps lowered to what one machine can run (two cores).
 */
export const LOCAL_MAPPING: Readonly<Record<StageName, { batchSize: number; concurrency: number }>> = Object.fromEntries(
  STAGES.map((stage) => [
    stage,
    { batchSize: STAGE_SIZING[stage].batchSize, concurrency: Math.min(LOCAL_CONCURRENCY_LIMIT, DEFAULT_MAX_CONCURRENCY[stage]) },
  ]),
) as Record<StageName, { batchSize: number; concurrency: number }>;

export interface LocalCloudOptions extends LocalTopologyOptions {
  /** Replaces a stage's handler (fault injection in tests); receives the stage's in-process handler. */
  readonly wrapHandler?: (stage: StageName, handler: SqsHandler, env: Record<string, string>) => SqsHandler;
  /** Extra environment for every stage (e.g. POSTSHOW_TRANSCRIBER). */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

export interface LocalCloud {
  readonly topology: LocalTopology;
  readonly mappings: LocalEventSourceMappings;
  /** The show's status.json, or undefined before the first stage wrote it. */
  status(showId: string): Promise<ShowStatus | undefined>;
  /** Waits until the show succeeded or failed and every queue is empty with nothing running. */
  settle(showId: string, timeoutMs: number): Promise<ShowStatus>;
  /** Messages waiting in a stage's dead-letter queue (received and left there, with their attributes). */
  deadLetters(stage: StageName): Promise<Message[]>;
  outputKeys(prefix: string): Promise<string[]>;
  /** The user pool stand-in and JWT authorizer in front of the API: issue tokens for `callApi`'s `token`. */
  readonly auth: LocalJwtAuthorizer;
  /**
   * A request to the catalog API as API Gateway would handle it: route table, JWT authorizer (by default
   * with a full-scope token of the web client; `token: null` sends none), then the Lambda entry.
   */
  callApi(method: string, path: string, options?: HttpApiEventOptions): Promise<APIGatewayProxyStructuredResultV2>;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  // The SDK's default credential chain reads these; the servers accept anything. Set only when absent.
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
  // Keep Powertools' EMF metric lines and X-Ray off the simulator's stdout.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

  const servers = await startLocalCloudServers();
  const topology = await createLocalTopology(servers, options);
  const mappings = new LocalEventSourceMappings(
    topology.sqs,
    STAGES.map((stage) => {
      const env = { ...topology.stageEnv(stage), ...options.extraEnv };
      const handler = createStageHandler(stage, { env });
      return {
        stage,
        queueUrl: topology.queues[stage].url,
        queueArn: topology.queues[stage].arn,
        handler: options.wrapHandler ? options.wrapHandler(stage, handler, env) : handler,
        visibilityTimeoutSeconds: topology.visibilityTimeoutSeconds,
        ...LOCAL_MAPPING[stage],
      };
    }),
  );
  mappings.start();
  const auth = await LocalJwtAuthorizer.create();
  const callApi = localHttpApi(createCatalogApiHandler(topology.catalogApiEnv()), auth);

  const readStatus = async (showId: string): Promise<ShowStatus | undefined> => {
    try {
      const result = await topology.s3.send(new GetObjectCommand({ Bucket: topology.outputsBucket, Key: showKeys(parseShowId(showId)).status }));
      return showStatusSchema.parse(JSON.parse(await (result.Body as { transformToString(): Promise<string> }).transformToString()));
    } catch {
      return undefined;
    }
  };
  const queuesEmpty = async (): Promise<boolean> => {
    for (const stage of STAGES) {
      const { Attributes } = await topology.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: topology.queues[stage].url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      if (Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) > 0) return false;
    }
    return true;
  };

  return {
    topology,
    mappings,
    status: readStatus,
    async settle(showId, timeoutMs) {
      let status: ShowStatus | undefined;
      try {
        await waitFor(
          async () => {
            status = await readStatus(showId);
            // Busy is checked again after the queue query: a handler may have picked a message up meanwhile.
            return status !== undefined && status.state !== 'running' && !mappings.busy && (await queuesEmpty()) && !mappings.busy;
          },
          timeoutMs,
          `show ${showId} to finish`,
        );
      } catch (error) {
        const stages = status ? Object.entries(status.stages).map(([stage, value]) => `${stage}=${value.state}(${value.succeeded}/${value.items})`).join(' ') : 'no status yet';
        const recent = mappings.invocations.slice(-5).map((invocation) => `${invocation.stage}${invocation.threw ? ` threw ${invocation.threw}` : ` ${invocation.failures} failed`}`);
        throw new Error(`${(error as Error).message}; stages: ${stages}; last invocations: ${recent.join(', ') || 'none'}`);
      }
      return status as ShowStatus;
    },
    async deadLetters(stage) {
      const received = await topology.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: topology.queues[stage].deadLetterUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      return received.Messages ?? [];
    },
    async outputKeys(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await topology.s3.send(new ListObjectsV2Command({ Bucket: topology.outputsBucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    auth,
    callApi,
    async close() {
      await mappings.stop();
      await servers.close();
    },
  };
}
