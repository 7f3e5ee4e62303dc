/**
 * postshow's AWS resources, composed from small constructs:
 * storage (two retained buckets) -> S3 upload events -> ingest queue -> one queue + Lambda per stage
 * (stagePipeline) -> catalog table <- catalog API (Cognito JWT), whose edits and reviews go back to the
 * clip and catalog queues; the workspace (a Cognito user pool, the front end on S3 behind CloudFront, which
 * also proxies the API under /api); layers for ffmpeg and native modules; the OpenAI secret; alarms on dead
 * letters and function errors.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { STAGES } from '../shared/pipeline/messages.js';
import { PipelineAlarms } from './alarms.js';
import { resolveCaptionFont, type CaptionFont } from './assets/captionFont.js';
import { PostshowLayers } from './assets/layers.js';
import { CatalogApi } from './catalogApi.js';
import { catalogTable } from './catalogTable.js';
import { readPostshowContext } from './context.js';
import { openAiSecret } from './openAiSecret.js';
import { REPO_NODE_MODULES, REPO_ROOT } from './paths.js';
import { unzippedSizeValidation } from './sizeBudget.js';
import { isMediaStage } from './stageConfig.js';
import type { StageName } from '../shared/pipeline/messages.js';
import { StagePipeline } from './stagePipeline.js';
import { DataBuckets } from './storage.js';
import { AUTH_CALLBACK_PATH, WEB_CLIENT_SCOPES, WorkspaceAuth } from './workspaceAuth.js';
import { API_PATH_PREFIX, WorkspaceSite } from './workspaceSite.js';

export interface PostshowStackProps extends StackProps {
  /** Caps on concurrent invocations per stage (SQS maxConcurrency and reserved concurrency). @default DEFAULT_MAX_CONCURRENCY */
  readonly maxConcurrency?: Partial<Record<StageName, number>>;
  /** Directory with functions/lambda/*.ts and package-lock.json. @default the repository root */
  readonly projectRoot?: string;
  /** node_modules the layers are staged from. @default the repository's node_modules */
  readonly nodeModules?: string;
  /** Parent directory for staged layer contents. @default os.tmpdir()/postshow-layer-staging */
  readonly layerStagingRoot?: string;
  /** Directory holding the built workspace site. @default built from web/src at synth (web/buildSite.ts) */
  readonly siteDirectory?: string;
}

export class PostshowStack extends Stack {
  readonly storage: DataBuckets;
  readonly pipeline: StagePipeline;
  readonly catalogApi: CatalogApi;
  readonly auth: WorkspaceAuth;
  readonly site: WorkspaceSite;
  readonly layers: PostshowLayers;
  readonly captionFont: CaptionFont;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: PostshowStackProps = {}) {
    super(scope, id, props);
    const context = readPostshowContext(this.node);
    const projectRoot = props.projectRoot ?? REPO_ROOT;
    const nodeModules = props.nodeModules ?? REPO_NODE_MODULES;

    this.storage = new DataBuckets(this, 'Storage');
    const table = catalogTable(this, 'CatalogTable');
    const secret = openAiSecret(this, 'OpenAiApiKey', context.openAiSecretArn);
    this.captionFont = resolveCaptionFont({ nodeModules, ...(context.captionFont ? { requested: context.captionFont } : {}) });
    this.layers = new PostshowLayers(this, 'Layers', {
      nodeModules,
      captionFont: this.captionFont,
      ...(props.layerStagingRoot ? { stagingRoot: props.layerStagingRoot } : {}),
    });

    this.pipeline = new StagePipeline(this, 'Pipeline', {
      buckets: this.storage,
      catalogTable: table,
      openAiSecret: secret,
      layers: this.layers,
      captionFontFamily: this.captionFont.family,
      projectRoot,
      ...(props.maxConcurrency ? { maxConcurrency: props.maxConcurrency } : {}),
      ...(context.reserveConcurrency === false ? { reserveConcurrency: false } : {}),
    });
    this.storage.notifyUploads(this.pipeline.queues.ingest.queue);

    this.auth = new WorkspaceAuth(this, 'WorkspaceAuth', context.cognitoDomainPrefix ? { domainPrefix: context.cognitoDomainPrefix } : {});
    this.catalogApi = new CatalogApi(this, 'CatalogApi', {
      catalogTable: table,
      recordings: this.storage.recordings,
      outputs: this.storage.outputs,
      clipQueue: this.pipeline.queues.clip.queue,
      catalogQueue: this.pipeline.queues.catalog.queue,
      projectRoot,
      nativeLayer: this.layers.native,
    });
    this.site = new WorkspaceSite(this, 'WorkspaceSite', {
      apiDomainName: this.catalogApi.domainName,
      signInUrl: this.auth.domainUrl,
      mediaOrigins: this.storage.outputsDownloadOrigins(),
      ...(props.siteDirectory ? { siteDirectory: props.siteDirectory } : {}),
    });
    // In this order: the web client's callback is on the distribution, the API's authorizer accepts the
    // web client's tokens, and config.json names the web client.
    const webClient = this.auth.addWebClient(this.site.url);
    this.catalogApi.addRoutes(this.auth.authorizer());
    this.site.deploy({
      apiBase: API_PATH_PREFIX,
      auth: { kind: 'cognito', domain: this.auth.domainUrl, clientId: webClient.userPoolClientId, scopes: WEB_CLIENT_SCOPES, redirectPath: AUTH_CALLBACK_PATH },
    });

    this.alarms = new PipelineAlarms(this, 'Alarms', context.alarmEmail ? { email: context.alarmEmail } : {});
    for (const stage of STAGES) {
      this.alarms.watchDeadLetters(`${pascal(stage)}DeadLetters`, this.pipeline.queues[stage].deadLetterQueue, `${stage} stage`);
      this.alarms.watchErrors(`${pascal(stage)}Errors`, this.pipeline.functions[stage], `The ${stage} stage function`);
    }
    this.alarms.watchErrors('CatalogApiErrors', this.catalogApi.handler, 'The catalog API function');

    this.node.addValidation(
      unzippedSizeValidation(() => [
        ...STAGES.map((stage) => ({
          fn: this.pipeline.functions[stage],
          layerBytes: this.layers.nativeBytes + (isMediaStage(stage) ? this.layers.ffmpegBytes : 0),
        })),
        { fn: this.catalogApi.handler, layerBytes: this.layers.nativeBytes },
      ]),
    );

    const output = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    output('RecordingsBucketName', this.storage.recordings.bucketName, 'Upload recordings/{showId}/recording.<ext> (last) and side inputs here');
    output('OutputsBucketName', this.storage.outputs.bucketName, 'Transcripts, clips, reports and status under shows/{showId}/');
    output('WorkspaceUrl', this.site.url, 'The workspace in the browser (sign in with a user invited to the user pool)');
    output('CatalogApiUrl', this.catalogApi.api.apiEndpoint, 'Catalog HTTP API (JWT: Cognito access token with postshow/read or postshow/write); also at WorkspaceUrl/api');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool: invite workspace users here (admin-create-user)');
    output('WebClientId', webClient.userPoolClientId, 'Public app client of the workspace page (authorization code with PKCE)');
    output('MachineClientId', this.auth.machineClient.userPoolClientId, 'App client for scripts: client credentials, postshow/read (secret: describe-user-pool-client)');
    output('CognitoDomain', this.auth.domainUrl, 'Hosted sign-in and token endpoint (/oauth2/token)');
    output('CatalogTableName', table.tableName, 'DynamoDB catalog table');
    output('OpenAiSecretArn', secret.secretArn, 'Put the OpenAI API key here (bare key as the secret string)');
    output('IngestQueueUrl', this.pipeline.queues.ingest.queue.queueUrl, 'Ingest queue (receives the recordings bucket\'s upload events)');
    output('AlarmTopicArn', this.alarms.topic.topicArn, 'SNS topic of the pipeline alarms');
  }
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
