/**
 * The catalog HTTP API, served by one Lambda: GET routes that query the catalog table, list shows, presign
 * download URLs, export a show for an editor and read reviews, plans and suggestions, and POST routes that
 * record a clip edit or review and queue its work (the clip queue re-renders, the catalog queue refreshes
 * the entry). Every route sits behind a JWT authorizer (Cognito access tokens, infra/workspaceAuth.ts) and
 * asks for its scope from infra/catalogRoutes.ts: `postshow/read` on GET, `postshow/write` on POST.
 *
 * Routes are added by `addRoutes(authorizer)` once the authorizer exists: the authorizer's audience
 * includes the web client, whose callback URL is on the CloudFront distribution in front of this API.
 */
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiScope, CATALOG_ROUTES } from './catalogRoutes.js';
import { postshowFunction } from './postshowFunction.js';
import { CATALOG_API_SIZING, OUTPUT_PREFIXES } from './stageConfig.js';

/** The route table lives in infra/catalogRoutes.ts (plain data, shared with the local simulator). */
export { CATALOG_ROUTES } from './catalogRoutes.js';

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

/** Requests per second (steady, and in a burst) the workspace's API takes; a team browsing and editing uses a few. */
export const API_THROTTLING = { rateLimit: 50, burstLimit: 100 } as const;

/** One JSON line per request: who, what, how it ended and how long it took (API Gateway's $context variables). */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  user: '$context.authorizer.claims.sub',
};

export class CatalogApi extends Construct {
  readonly api: HttpApi;
  readonly handler: NodejsFunction;
  private routesAdded = false;

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
      description: 'postshow clip catalog, shows, edits and reviews (Cognito JWT)',
    });
    // A runaway client (or a leaked token) is held to a rate a team's workspace never needs, before it costs
    // Lambda time; every request is logged, as JSON, for the audit a shared catalog needs.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage | undefined;
    if (!stage) throw new Error('CatalogApi: the HTTP API has no default stage to throttle');
    stage.defaultRouteSettings = { throttlingRateLimit: API_THROTTLING.rateLimit, throttlingBurstLimit: API_THROTTLING.burstLimit };
    stage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: JSON.stringify(ACCESS_LOG_FORMAT) };
    this.node.addValidation({ validate: () => (this.routesAdded ? [] : ['CatalogApi: addRoutes(authorizer) was never called, so the API has no routes']) });
  }

  /** The API's host name, `<api-id>.execute-api.<region>.amazonaws.com` (CloudFront's origin for /api/*). */
  get domainName(): string {
    return Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }

  /**
   * Every route of CATALOG_ROUTES to the Lambda, each behind `authorizer` and asking for its scope:
   * a token without it is API Gateway's 403, no token or a bad one its 401; no route is left open.
   */
  addRoutes(authorizer: IHttpRouteAuthorizer): void {
    if (this.routesAdded) throw new Error('CatalogApi: routes added already');
    this.routesAdded = true;
    const integration = new HttpLambdaIntegration('Catalog', this.handler, { timeout: Duration.seconds(29) });
    for (const route of CATALOG_ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer,
        authorizationScopes: [apiScope(route.scope)],
      });
    }
  }
}
