/**
 * The deployed topology, recreated on the local protocol servers: the two buckets, one queue and one
 * dead-letter queue per stage (same redrive count as the stack), the catalog table, and each stage's
 * environment exactly as the CDK stack sets it (functions/lambda/cloudConfig.ts reads it), and the
 * catalog API's (functions/lambda/catalogApi.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { MAX_ATTEMPTS } from '../../infra/stageConfig.js';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';
import { STAGE_SUCCESSORS } from '../../shared/pipeline/topology.js';
import { createCatalogTable, type LocalCloudServers } from './localCloudServers.js';

export const LOCAL_REGION = 'us-east-1';
/** fauxqs and dynalite accept any credentials; these keep the SDK from looking for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface LocalTopologyOptions {
  /** Seconds a received message stays invisible; short so retries in tests come quickly. @default 5 */
  readonly visibilityTimeoutSeconds?: number;
  /** Redrive count. @default the stack's MAX_ATTEMPTS */
  readonly maxReceiveCount?: number;
  readonly namePrefix?: string;
}

export interface StageQueues {
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
}

export interface LocalTopology {
  readonly servers: LocalCloudServers;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamo: DynamoDBClient;
  readonly recordingsBucket: string;
  readonly outputsBucket: string;
  readonly catalogTable: string;
  readonly queues: Readonly<Record<StageName, StageQueues>>;
  readonly maxReceiveCount: number;
  /** Every stage queue's visibility timeout, s. */
  readonly visibilityTimeoutSeconds: number;
  /** The Lambda environment of a stage, as the CDK stack sets it, pointed at the local servers. */
  stageEnv(stage: StageName): Record<string, string>;
  /** The catalog API function's environment, as infra/catalogApi.ts sets it, pointed at the local servers. */
  catalogApiEnv(): Record<string, string>;
}

export async function createLocalTopology(servers: LocalCloudServers, options: LocalTopologyOptions = {}): Promise<LocalTopology> {
  const prefix = options.namePrefix ?? 'postshow';
  const maxReceiveCount = options.maxReceiveCount ?? MAX_ATTEMPTS;
  const visibility = options.visibilityTimeoutSeconds ?? 5;
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const s3 = new S3Client({ ...common, endpoint: servers.awsEndpoint, forcePathStyle: true });
  const sqs = new SQSClient({ ...common, endpoint: servers.awsEndpoint });
  const dynamo = new DynamoDBClient({ ...common, endpoint: servers.dynamoEndpoint });

  const recordingsBucket = `${prefix}-recordings`;
  const outputsBucket = `${prefix}-outputs`;
  const catalogTable = `${prefix}-catalog`;
  for (const bucket of [recordingsBucket, outputsBucket]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await createCatalogTable(dynamo, catalogTable);


  const queues = {} as Record<StageName, StageQueues>;
  for (const stage of STAGES) {
    const deadLetter = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${stage}-dlq` }));
    const deadLetterArn = await queueArn(sqs, deadLetter.QueueUrl as string);
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${prefix}-${stage}`,
        Attributes: {
          VisibilityTimeout: String(visibility),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount }),
        },
      }),
    );
    queues[stage] = { url: queue.QueueUrl as string, arn: await queueArn(sqs, queue.QueueUrl as string), deadLetterUrl: deadLetter.QueueUrl as string };
  }

  const commonEnv = {
    POSTSHOW_S3_PATH_STYLE: 'true',
    POWERTOOLS_SERVICE_NAME: 'postshow',
    POWERTOOLS_METRICS_NAMESPACE: 'Postshow',
    // The SDK's standard endpoint settings: the handlers' code is the same as in AWS.
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL: servers.awsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoEndpoint,
  };
  return {
    servers,
    s3,
    sqs,
    dynamo,
    recordingsBucket,
    outputsBucket,
    catalogTable,
    queues,
    maxReceiveCount,
    visibilityTimeoutSeconds: visibility,
    stageEnv(stage) {
      const successors: readonly StageName[] = STAGE_SUCCESSORS[stage];
      return {
        POSTSHOW_STAGE: stage,
        RECORDINGS_BUCKET: recordingsBucket,
        OUTPUTS_BUCKET: outputsBucket,
        STAGE_QUEUE_URLS: JSON.stringify(Object.fromEntries(successors.map((next) => [next, queues[next].url]))),
        DEAD_LETTER_QUEUE_URL: queues[stage].deadLetterUrl,
        MAX_ATTEMPTS: String(maxReceiveCount),
        ...(stage === 'catalog' ? { CATALOG_TABLE: catalogTable } : {}),
        ...commonEnv,
      };
    },
    catalogApiEnv() {
      return {
        CATALOG_TABLE: catalogTable,
        RECORDINGS_BUCKET: recordingsBucket,
        OUTPUTS_BUCKET: outputsBucket,
        STAGE_QUEUE_URLS: JSON.stringify({ clip: queues.clip.url, catalog: queues.catalog.url }),
        DOWNLOAD_URL_SECONDS: '900',
        ...commonEnv,
      };
    },
  };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes?.QueueArn as string;
}
