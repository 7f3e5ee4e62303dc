/**
 * The catalog HTTP API: three read-only GET routes behind IAM authorisation (SigV4), served by one
 * Lambda that queries the catalog table and presigns download URLs for clip files. Callers need
 * `execute-api:Invoke` on the routes: attach the `invokePolicy` managed policy to their role.
 */
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { postshowFunction } from './postshowFunction.js';
import { CATALOG_API_SIZING, OUTPUT_PREFIXES } from './stageConfig.js';

/** The contract's routes; `invokeResource` is the execute-api resource path a caller's policy names. */
export const CATALOG_ROUTES = [
  { path: '/clips', invokeResource: '/clips' },
  { path: '/clips/{showId}/{clipId}', invokeResource: '/clips/*' },
  { path: '/shows/{showId}/status', invokeResource: '/shows/*/status' },
] as const;

/** Lifetime of presigned download URLs, seconds: long enough to start a download, short enough not to be passed around. */
export const DOWNLOAD_URL_SECONDS = 900;

export interface CatalogApiProps {
  readonly catalogTable: ITable;
  readonly outputs: IBucket;
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
  readonly invokePolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: CatalogApiProps) {
    super(scope, id);
    this.handler = postshowFunction(this, 'Function', {
      entryName: 'catalogApi',
      projectRoot: props.projectRoot,
      memoryMiB: CATALOG_API_SIZING.memoryMiB,
      timeout: CATALOG_API_SIZING.timeout,
      environment: {
        CATALOG_TABLE: props.catalogTable.tableName,
        OUTPUTS_BUCKET: props.outputs.bucketName,
        DOWNLOAD_URL_SECONDS: String(DOWNLOAD_URL_SECONDS),
      },
      layers: [props.nativeLayer],
      description: 'postshow catalog API',
    });
    props.catalogTable.grantReadData(this.handler);
    // Presigned URLs are signed with this role, so it needs GetObject on what it hands out; status.json lives there too.
    props.outputs.grantRead(this.handler, OUTPUT_PREFIXES.shows);

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'postshow clip catalog (IAM-authorised, read-only)',
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const integration = new HttpLambdaIntegration('Catalog', this.handler, { timeout: Duration.seconds(29) });
    for (const route of CATALOG_ROUTES) this.api.addRoutes({ path: route.path, methods: [HttpMethod.GET], integration });

    this.invokePolicy = new ManagedPolicy(this, 'InvokePolicy', {
      description: 'Lets a principal call the postshow catalog API (GET routes only)',
      statements: [
        new PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: CATALOG_ROUTES.map((route) => this.api.arnForExecuteApi(HttpMethod.GET, route.invokeResource, '$default')),
        }),
      ],
    });
  }
}
