/**
 * The catalog HTTP API behind IAM authorisation (SigV4), served by one Lambda: GET routes that query the
 * catalog table, presign download URLs and export a show for an editor, and POST routes that record a clip
 * edit or review and queue its work (the clip queue re-renders, the catalog queue refreshes the entry).
 * Callers need `execute-api:Invoke` on the routes: attach `invokePolicy` (read) and, for marketers who
 * edit and approve, `reviewPolicy` too.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { postshowFunction } from './postshowFunction.js';
import { CATALOG_API_SIZING, OUTPUT_PREFIXES } from './stageConfig.js';

/**
 * The contract's routes; `invokeResource` is the execute-api resource path a caller's policy names (`*`
 * matches across `/`, so `/clips/*` covers one clip). `writes` routes change a clip and go in reviewPolicy.
 */
export const CATALOG_ROUTES = [
  { method: HttpMethod.GET, path: '/clips', invokeResource: '/clips', writes: false },
  { method: HttpMethod.GET, path: '/clips/{showId}/{clipId}', invokeResource: '/clips/*', writes: false },
  { method: HttpMethod.GET, path: '/shows/{showId}/status', invokeResource: '/shows/*/status', writes: false },
  { method: HttpMethod.GET, path: '/shows/{showId}/export', invokeResource: '/shows/*/export', writes: false },
  { method: HttpMethod.GET, path: '/shows/{showId}/review', invokeResource: '/shows/*/review', writes: false },
  { method: HttpMethod.GET, path: '/channels/{channel}/plan', invokeResource: '/channels/*/plan', writes: false },
  { method: HttpMethod.POST, path: '/clips/{showId}/{clipId}/edit', invokeResource: '/clips/*/edit', writes: true },
  { method: HttpMethod.POST, path: '/clips/{showId}/{clipId}/approve', invokeResource: '/clips/*/approve', writes: true },
  { method: HttpMethod.POST, path: '/clips/{showId}/{clipId}/reject', invokeResource: '/clips/*/reject', writes: true },
] as const;

/** What the API writes in the outputs bucket: a clip's edit records (and their captions) and its review. */
export const CATALOG_API_WRITES = ['shows/*/clips/*/edits/*', 'shows/*/clips/*/review.json'] as const;

/** Lifetime of presigned download URLs, seconds: long enough to start a download, short enough not to be passed around. */
export const DOWNLOAD_URL_SECONDS = 900;

export interface CatalogApiProps {
  readonly catalogTable: ITable;
  /** Named in the environment only (the show store spans both buckets); the API is granted nothing on it. */
  readonly recordings: IBucket;
  readonly outputs: IBucket;
  /** Where accepted edits go: the clip stage re-renders them. */
  readonly clipQueue: IQueue;
  /** Where reviews go: the catalog stage refreshes the show's entries. */
  readonly catalogQueue: IQueue;
  readonly projectRoot: string;
  /**
   * The native-modules layer. The catalog code needs no native module today, but every bundle leaves
   * sharp and jieba external, so an import that reaches them later must still resolve.
   */
  readonly nativeLayer: ILayerVersion;
}

export class CatalogApi extends Construct {
  readonly api: HttpApi;
  readonly handler: NodejsFunction;
  /** Invoke on the GET routes: list, download, status, export, review, plan. */
  readonly invokePolicy: ManagedPolicy;
  /** Invoke on the POST routes: edit, approve, reject. */
  readonly reviewPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: CatalogApiProps) {
    super(scope, id);
    this.handler = postshowFunction(this, 'Function', {
      entryName: 'catalogApi',
      projectRoot: props.projectRoot,
      memoryMiB: CATALOG_API_SIZING.memoryMiB,
      timeout: CATALOG_API_SIZING.timeout,
      environment: {
        CATALOG_TABLE: props.catalogTable.tableName,
        RECORDINGS_BUCKET: props.recordings.bucketName,
        OUTPUTS_BUCKET: props.outputs.bucketName,
        STAGE_QUEUE_URLS: Stack.of(this).toJsonString({ clip: props.clipQueue.queueUrl, catalog: props.catalogQueue.queueUrl }),
        DOWNLOAD_URL_SECONDS: String(DOWNLOAD_URL_SECONDS),
      },
      layers: [props.nativeLayer],
      description: 'postshow catalog API',
    });
    props.catalogTable.grantReadData(this.handler);
    // Presigned URLs are signed with this role, so it needs GetObject on what it hands out; status.json lives there too.
    // Manifests, highlights, clip metas and catalog.json (edits and exports) are there as well.
    props.outputs.grantRead(this.handler, OUTPUT_PREFIXES.shows);
    for (const pattern of CATALOG_API_WRITES) props.outputs.grantPut(this.handler, pattern);
    props.clipQueue.grantSendMessages(this.handler);
    props.catalogQueue.grantSendMessages(this.handler);

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'postshow clip catalog, edits and reviews (IAM-authorised)',
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const integration = new HttpLambdaIntegration('Catalog', this.handler, { timeout: Duration.seconds(29) });
    for (const route of CATALOG_ROUTES) this.api.addRoutes({ path: route.path, methods: [route.method], integration });

    const invokePolicy = (id: string, description: string, writes: boolean) =>
      new ManagedPolicy(this, id, {
        description,
        statements: [
          new PolicyStatement({
            actions: ['execute-api:Invoke'],
            resources: CATALOG_ROUTES.filter((route) => route.writes === writes).map((route) => this.api.arnForExecuteApi(route.method, route.invokeResource, '$default')),
          }),
        ],
      });
    this.invokePolicy = invokePolicy('InvokePolicy', 'Lets a principal read the postshow catalog API (GET routes only)', false);
    this.reviewPolicy = invokePolicy('ReviewPolicy', 'Lets a principal edit, approve and reject clips through the postshow catalog API (POST routes)', true);
  }
}
