/**
 * Lambda entry of the catalog HTTP API: the environment -> the handler's dependencies, built once per
 * container. Request handling lives in functions/api/catalogApi.ts.
 *
 * Environment: CATALOG_TABLE, RECORDINGS_BUCKET and OUTPUTS_BUCKET (the show store; the API only touches
 * shows/ in the outputs bucket), STAGE_QUEUE_URLS (JSON with the clip and catalog queues: edits and
 * reviews go there), DOWNLOAD_URL_SECONDS (presigned URL lifetime, default 900, at most 3600),
 * POSTSHOW_S3_PATH_STYLE (S3-compatible servers only). Endpoint and region come from the
 * same record with the SDK's own variable names (AWS_ENDPOINT_URL_*, AWS_REGION), as for the stage functions.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { DynamoCatalogIndex } from '../../shared/adapters/aws/dynamoCatalogIndex.js';
import { S3DownloadLinks } from '../../shared/adapters/aws/s3DownloadLinks.js';
import { S3Storage } from '../../shared/adapters/aws/s3Storage.js';
import { SqsQueue } from '../../shared/adapters/aws/sqsQueue.js';
import { handleCatalogRequest, type CatalogApiDependencies } from '../api/catalogApi.js';
import { booleanFlag, clientConfig, portLogger, queueUrlsSchema, readLambdaEnv, type LambdaEnv } from './lambdaShell.js';

const catalogApiEnvSchema = z.object({
  CATALOG_TABLE: z.string().min(3),
  RECORDINGS_BUCKET: z.string().min(3),
  OUTPUTS_BUCKET: z.string().min(3),
  /** Edits go to the clip queue, reviews to the catalog queue. */
  STAGE_QUEUE_URLS: queueUrlsSchema.refine((urls) => urls.clip !== undefined && urls.catalog !== undefined, 'must name the clip and catalog queues'),
  DOWNLOAD_URL_SECONDS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().int().min(1).max(3600, 'at most 3600 (one hour)'))
    .default(900),
  POSTSHOW_S3_PATH_STYLE: booleanFlag.default(false),
});

export type CatalogApiEnv = z.infer<typeof catalogApiEnvSchema>;

/** Parses the API function's environment; throws one readable line naming every bad variable. */
export function readCatalogApiEnv(env: LambdaEnv): CatalogApiEnv {
  return readLambdaEnv(catalogApiEnvSchema, env);
}

export type CatalogApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The handler for an environment; its clients are created on the first request and reused. */
export function createCatalogApiHandler(env: LambdaEnv): CatalogApiHandler {
  const logger = new PowertoolsLogger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'postshow', persistentKeys: { function: 'catalogApi' } });
  let dependencies: CatalogApiDependencies | undefined;
  return async (event, context) => {
    if (context) logger.addContext(context);
    dependencies ??= buildDependencies(readCatalogApiEnv(env), env, logger);
    const response = await handleCatalogRequest(event, dependencies);
    logger.info('catalog request', { method: event.requestContext?.http?.method, path: event.rawPath, status: response.statusCode });
    return response;
  };
}

function buildDependencies(config: CatalogApiEnv, env: LambdaEnv, logger: PowertoolsLogger): CatalogApiDependencies {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(env, 'DYNAMODB')));
  const s3 = new S3Client({ ...clientConfig(env, 'S3'), forcePathStyle: config.POSTSHOW_S3_PATH_STYLE });
  return {
    index: new DynamoCatalogIndex(documentClient, config.CATALOG_TABLE),
    downloads: new S3DownloadLinks(s3, config.OUTPUTS_BUCKET, config.DOWNLOAD_URL_SECONDS),
    storage: new S3Storage({ client: s3, recordingsBucket: config.RECORDINGS_BUCKET, outputsBucket: config.OUTPUTS_BUCKET }),
    queue: new SqsQueue({ client: new SQSClient(clientConfig(env, 'SQS')), queueUrls: config.STAGE_QUEUE_URLS }),
    logger: portLogger(logger),
  };
}

export const handler: CatalogApiHandler = createCatalogApiHandler(process.env);
