/**
 * The cloud composition root: the Lambda environment -> the pipeline's ports. Same orchestration and
 * stage handlers as the local runner; only the adapters differ (S3, SQS, DynamoDB, OpenAI with its key
 * from Secrets Manager, Powertools for logs, metrics and traces).
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stageHandlers } from '../index.js';
import { DynamoCatalogIndex } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import { S3Storage } from '../../shared/adapters/aws/s3Storage.js';
import { SqsQueue } from '../../shared/adapters/aws/sqsQueue.js';
import { FileCatalogIndex } from '../../shared/adapters/local/fileCatalogIndex.js';
import { SharpImages } from '../../shared/adapters/images/sharpImages.js';
import { FfmpegMedia, ffmpegMediaDefaults } from '../../shared/adapters/media/ffmpegMedia.js';
import { providerSettingsFromEnv, selectProviders } from '../../shared/adapters/providerSelection.js';
import { PocketsphinxTranscriber } from '../../shared/adapters/transcription/pocketsphinxTranscriber.js';
import { PostshowError } from '../../shared/core/errors.js';
import type { StageName } from '../../shared/pipeline/messages.js';
import type { PipelineDependencies, PipelineEvent } from '../../shared/pipeline/processMessage.js';
import { OPENAI_KEY_PLACEHOLDER } from '../../shared/pipeline/topology.js';
import { readStageEnv } from './cloudConfig.js';
import { clientConfig, portLogger } from './lambdaShell.js';

export interface CloudRuntime {
  readonly stage: StageName;
  readonly deps: PipelineDependencies;
  readonly sqs: SQSClient;
  readonly deadLetterQueueUrl: string;
  readonly logger: PowertoolsLogger;
  readonly metrics: Metrics;
}

/** The OpenAI key could not be read: transient (IAM propagation, throttling), so the message is retried. */
export class SecretUnavailableError extends PostshowError {
  constructor(cause: unknown) {
    super('the OpenAI key could not be read from Secrets Manager', { permanent: false, cause });
    this.name = 'SecretUnavailableError';
  }
}

export async function createCloudRuntime(stage: StageName, env: Readonly<Record<string, string | undefined>>): Promise<CloudRuntime> {
  const config = readStageEnv(stage, env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? 'postshow';
  const logger = new PowertoolsLogger({ serviceName, persistentKeys: { stage } });
  const metrics = new Metrics({ serviceName, namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'Postshow', defaultDimensions: { stage } });
  const tracer = new Tracer({ serviceName });
  const s3 = tracer.captureAWSv3Client(new S3Client({ ...clientConfig(env, 'S3'), forcePathStyle: config.POSTSHOW_S3_PATH_STYLE }));
  const sqs = tracer.captureAWSv3Client(new SQSClient(clientConfig(env, 'SQS')));

  const storage = new S3Storage({ client: s3, recordingsBucket: config.RECORDINGS_BUCKET, outputsBucket: config.OUTPUTS_BUCKET });
  const pipelineLogger = portLogger(logger);
  const media = new FfmpegMedia(ffmpegMediaDefaults(env));
  const apiKey = config.OPENAI_SECRET_ARN ? await readOpenAiKey(config.OPENAI_SECRET_ARN, tracer, env) : undefined;
  const providers = selectProviders({
    settings: providerSettingsFromEnv(env),
    // The key lives in this object only, never in process.env.
    env: { ...env, OPENAI_API_KEY: apiKey },
    // Lambda's static ffmpeg has no `asr` filter and no model: pocketsphinx reports itself unusable there
    // and is only picked up where the image has both (a container image, the local simulator).
    localEngines: [new PocketsphinxTranscriber(media)],
    storage,
    logger: pipelineLogger,
  });
  logger.info('runtime ready', { transcriber: providers.description.transcriber, languageModel: providers.description.languageModel });

  const catalogIndex = config.CATALOG_TABLE
    ? new DynamoCatalogIndex(DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient(clientConfig(env, 'DYNAMODB')))), config.CATALOG_TABLE)
    : new FileCatalogIndex(storage);

  const deps: PipelineDependencies = {
    storage,
    media,
    images: new SharpImages(),
    transcriber: providers.transcriber,
    ...(providers.languageModel ? { languageModel: providers.languageModel } : {}),
    catalogIndex,
    queue: new SqsQueue({ client: sqs, queueUrls: config.STAGE_QUEUE_URLS }),
    logger: pipelineLogger,
    handlers: stageHandlers,
    maxAttempts: config.MAX_ATTEMPTS,
    onEvent: (event) => recordMetrics(metrics, event),
  };
  return { stage, deps, sqs, deadLetterQueueUrl: config.DEAD_LETTER_QUEUE_URL, logger, metrics };
}

/** The secret is a plain string or JSON with an `apiKey` field; cached for 5 minutes so a rotation is picked up. */
async function readOpenAiKey(secretArn: string, tracer: Tracer, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const provider = new SecretsProvider({ awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient(clientConfig(env, 'SECRETS_MANAGER'))) });
  let value: unknown;
  try {
    value = await provider.get(secretArn, { maxAge: 300 });
  } catch (error) {
    throw new SecretUnavailableError(error);
  }
  let key = typeof value === 'string' ? value.trim() : '';
  if (key.startsWith('{')) {
    try {
      const field = (JSON.parse(key) as { apiKey?: unknown }).apiKey;
      if (typeof field === 'string') key = field.trim();
    } catch {
      // not JSON after all: the text is the key
    }
  }
  // The stack's placeholder, not yet replaced: no key, so the offline providers run instead of 401s.
  return key === OPENAI_KEY_PLACEHOLDER ? undefined : key;
}

function recordMetrics(metrics: Metrics, event: PipelineEvent): void {
  if (event.type === 'succeeded') {
    metrics.addMetric('StageSucceeded', MetricUnit.Count, 1);
    metrics.addMetric('StageDuration', MetricUnit.Milliseconds, Math.round(event.ms));
  } else if (event.type === 'failed') {
    metrics.addMetric(event.final ? 'StageFailed' : 'StageRetried', MetricUnit.Count, 1);
  }
}
