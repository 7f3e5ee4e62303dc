/**
 * The pipeline: one queue (with its DLQ) and one Lambda per stage, wired by the contract's
 * next-stage sends. Each function gets only the grants its stage needs (stageConfig.ts).
 */
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { STAGES, type StageName } from '../shared/pipeline/messages.js';
import { FFMPEG_LAYER_PATHS } from './assets/ffmpegLayer.js';
import type { PostshowLayers } from './assets/layers.js';
import { postshowFunction } from './postshowFunction.js';
import {
  DEFAULT_MAX_CONCURRENCY,
  isMediaStage,
  MAX_ATTEMPTS,
  NEXT_STAGES,
  RECORDINGS_PREFIX,
  STAGE_ACCESS,
  STAGE_SIZING,
  usesOpenAi,
  visibilityTimeoutFor,
} from './stageConfig.js';
import { StageQueue } from './stageQueue.js';
import type { DataBuckets } from './storage.js';

export interface StagePipelineProps {
  readonly buckets: DataBuckets;
  readonly catalogTable: ITable;
  readonly openAiSecret: ISecret;
  readonly layers: PostshowLayers;
  /** Family of the font in the ffmpeg layer, for libass's `FontName=`. */
  readonly captionFontFamily: string;
  readonly projectRoot: string;
  /** Caps on concurrent invocations of the stages that call rate-limited APIs. @default DEFAULT_MAX_CONCURRENCY */
  readonly maxConcurrency?: Partial<Record<StageName, number>>;
  /**
   * Reserve each stage's cap as its function's concurrency (default true). New AWS accounts may allow only 10
   * concurrent executions, too few to reserve from: `-c reserveConcurrency=false` deploys without.
   */
  readonly reserveConcurrency?: boolean;
}

export class StagePipeline extends Construct {
  readonly queues: Readonly<Record<StageName, StageQueue>>;
  readonly functions: Readonly<Record<StageName, NodejsFunction>>;

  constructor(scope: Construct, id: string, props: StagePipelineProps) {
    super(scope, id);
    const queues = {} as Record<StageName, StageQueue>;
    for (const stage of STAGES) {
      queues[stage] = new StageQueue(this, `${pascal(stage)}Queue`, { visibilityTimeout: visibilityTimeoutFor(STAGE_SIZING[stage].timeout) });
    }
    this.queues = queues;
    const functions = {} as Record<StageName, NodejsFunction>;
    for (const stage of STAGES) functions[stage] = this.stageFunction(stage, props);
    this.functions = functions;
  }

  private stageFunction(stage: StageName, props: StagePipelineProps): NodejsFunction {
    const sizing = STAGE_SIZING[stage];
    const access = STAGE_ACCESS[stage];
    const { recordings, outputs } = props.buckets;
    const own = this.queues[stage];
    const next = NEXT_STAGES[stage];
    const media = isMediaStage(stage);
    const callsOpenAi = usesOpenAi(stage);

    const environment: Record<string, string> = {
      POSTSHOW_STAGE: stage,
      RECORDINGS_BUCKET: recordings.bucketName,
      OUTPUTS_BUCKET: outputs.bucketName,
      STAGE_QUEUE_URLS: Stack.of(this).toJsonString(Object.fromEntries(next.map((target) => [target, this.queues[target].queue.queueUrl]))),
      DEAD_LETTER_QUEUE_URL: own.deadLetterQueue.queueUrl,
      MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      ...(access.writesCatalog ? { CATALOG_TABLE: props.catalogTable.tableName } : {}),
      ...(callsOpenAi ? { OPENAI_SECRET_ARN: props.openAiSecret.secretArn } : {}),
      ...(media
        ? {
            FFMPEG_PATH: FFMPEG_LAYER_PATHS.ffmpeg,
            FFPROBE_PATH: FFMPEG_LAYER_PATHS.ffprobe,
            POSTSHOW_FONTS_DIR: FFMPEG_LAYER_PATHS.fontsDir,
            POSTSHOW_CAPTION_FONT: props.captionFontFamily,
          }
        : {}),
    };

    const cap = props.maxConcurrency?.[stage] ?? DEFAULT_MAX_CONCURRENCY[stage];
    const fn = postshowFunction(this, `${pascal(stage)}Function`, {
      entryName: stage,
      // As many as the queue may start (see DEFAULT_MAX_CONCURRENCY); none when the account has too few to reserve.
      ...(props.reserveConcurrency === false ? {} : { reservedConcurrency: cap }),
      projectRoot: props.projectRoot,
      memoryMiB: sizing.memoryMiB,
      timeout: sizing.timeout,
      ephemeralMiB: sizing.ephemeralMiB,
      environment,
      layers: media ? [props.layers.native, props.layers.ffmpeg] : [props.layers.native],
      description: `postshow ${stage} stage`,
    });

    // Storage: read grants include List (a missing key must answer 404, not 403); writes are
    // PutObject (+ abort of multipart uploads); only ingest may delete, and only under shows/.
    if (access.readsRecordings) recordings.grantRead(fn, RECORDINGS_PREFIX);
    for (const pattern of access.readsOutputs) outputs.grantRead(fn, pattern);
    for (const pattern of access.writesOutputs) outputs.grantPut(fn, pattern);
    for (const pattern of access.deletesOutputs) outputs.grantDelete(fn, pattern);
    // The catalog stage replaces a show's items: it queries what an earlier run wrote, then puts and deletes.
    if (access.writesCatalog) props.catalogTable.grantReadWriteData(fn);
    if (callsOpenAi) props.openAiSecret.grantRead(fn);
    for (const target of next) this.queues[target].queue.grantSendMessages(fn);
    own.deadLetterQueue.grantSendMessages(fn);

    fn.addEventSource(new SqsEventSource(own.queue, { batchSize: sizing.batchSize, reportBatchItemFailures: true, maxConcurrency: cap }));
    return fn;
  }
}


const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
