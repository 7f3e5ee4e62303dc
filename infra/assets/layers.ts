/**
 * The two Lambda layers, staged from node_modules at synth time (no network, no Docker):
 * - ffmpeg: `bin/ffmpeg`, `bin/ffprobe`, `fonts/` (caption font) for the media stages;
 * - native modules: `nodejs/node_modules/...` (sharp, jieba and their closure) for every stage.
 */
import { Code, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from '../lambdaPlatform.js';
import type { CaptionFont } from './captionFont.js';
import { ffmpegLayerFiles } from './ffmpegLayer.js';
import { nativeLayerFiles } from './nativeModules.js';
import { directorySize, stageDirectory } from './staging.js';

export interface StagedLayer {
  readonly dir: string;
  /** Unzipped size, bytes. */
  readonly bytes: number;
}

export function stageFfmpegLayer(nodeModules: string, font: CaptionFont, stagingRoot?: string): StagedLayer {
  const dir = stageDirectory('ffmpeg-layer', ffmpegLayerFiles(nodeModules, font), stagingRoot);
  return { dir, bytes: directorySize(dir) };
}

export function stageNativeLayer(nodeModules: string, stagingRoot?: string): StagedLayer {
  const dir = stageDirectory('native-modules-layer', nativeLayerFiles(nodeModules), stagingRoot);
  return { dir, bytes: directorySize(dir) };
}

export interface PostshowLayersProps {
  readonly nodeModules: string;
  readonly captionFont: CaptionFont;
  /** Parent directory of the staged layer contents. @default os.tmpdir()/postshow-layer-staging */
  readonly stagingRoot?: string;
}

export class PostshowLayers extends Construct {
  readonly ffmpeg: LayerVersion;
  readonly native: LayerVersion;
  readonly ffmpegBytes: number;
  readonly nativeBytes: number;

  constructor(scope: Construct, id: string, props: PostshowLayersProps) {
    super(scope, id);
    const ffmpeg = stageFfmpegLayer(props.nodeModules, props.captionFont, props.stagingRoot);
    const native = stageNativeLayer(props.nodeModules, props.stagingRoot);
    this.ffmpegBytes = ffmpeg.bytes;
    this.nativeBytes = native.bytes;
    const compatibility = { compatibleRuntimes: [LAMBDA_RUNTIME], compatibleArchitectures: [LAMBDA_ARCHITECTURE] };
    this.ffmpeg = new LayerVersion(this, 'Ffmpeg', {
      code: Code.fromAsset(ffmpeg.dir),
      description: `ffmpeg + ffprobe (static linux-x64) and the caption font ${props.captionFont.family}`,
      ...compatibility,
    });
    this.native = new LayerVersion(this, 'NativeModules', {
      code: Code.fromAsset(native.dir),
      description: 'sharp and @node-rs/jieba with their linux-x64 builds (nodejs/node_modules)',
      ...compatibility,
    });
  }
}
