/**
 * The Lambda bundles, built with the stack's own esbuild settings (infra/bundling.ts) and loaded in
 * a fresh Node process whose only node_modules is the staged native-modules layer, as on Lambda.
 * The first part bundles the shared code the stages run (fluent-ffmpeg, sharp, jieba); the second
 * bundles each real entry in functions/lambda/ and is skipped for entries that do not exist yet.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageNativeLayer, type StagedLayer } from '../../infra/assets/layers.js';
import { BUNDLE_FILE_NAME, bundleForSmokeTest } from '../../infra/bundling.js';
import { LAMBDA_UNZIPPED_LIMIT_BYTES } from '../../infra/lambdaPlatform.js';
import { LAMBDA_ENTRY_DIR } from '../../infra/postshowFunction.js';
import { REPO_NODE_MODULES, REPO_ROOT } from '../../infra/paths.js';
import { LAMBDA_ENTRIES } from './stubProject.js';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'postshow-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The ffmpeg layer is ~167 MB: every bundle must fit beside it and the native layer. */
const FFMPEG_LAYER_BUDGET_BYTES = 170_000_000;

let nativeLayer: StagedLayer;
beforeAll(() => {
  nativeLayer = stageNativeLayer(REPO_NODE_MODULES, path.join(work, 'staging'));
});

/** A Lambda-like task directory: the bundle, and node_modules = the native layer's nodejs/node_modules. */
async function bundleIntoTask(name: string, entry: string) {
  const task = path.join(work, 'tasks', name);
  mkdirSync(task, { recursive: true });
  symlinkSync(path.join(nativeLayer.dir, 'nodejs', 'node_modules'), path.join(task, 'node_modules'));
  return bundleForSmokeTest(entry, path.join(task, BUNDLE_FILE_NAME));
}

/** Imports the bundle in a new process (nothing from this repository's node_modules is reachable) and runs `script`. */
async function runInTask(bundle: string, script: string, env: Record<string, string> = {}) {
  const runner = path.join(path.dirname(bundle), 'run.mjs');
  writeFileSync(runner, `const bundle = await import(${JSON.stringify(bundle)});\n${script}\n`);
  const { stdout } = await run(process.execPath, ['--enable-source-maps', runner], {
    cwd: path.dirname(bundle),
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...env },
  });
  return stdout.trim();
}

describe('shared stage code bundled for Lambda', () => {
  let bundle: Awaited<ReturnType<typeof bundleForSmokeTest>>;
  beforeAll(async () => {
    const entry = path.join(work, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { stageHandlers } from ${JSON.stringify(path.join(REPO_ROOT, 'functions/index.ts'))};`,
        `import { FfmpegMedia } from ${JSON.stringify(path.join(REPO_ROOT, 'shared/adapters/media/ffmpegMedia.ts'))};`,
        `import { keywords } from ${JSON.stringify(path.join(REPO_ROOT, 'shared/core/text/index.ts'))};`,
        'export const stages = Object.keys(stageHandlers);',
        'export { FfmpegMedia, keywords };',
      ].join('\n'),
    );
    bundle = await bundleIntoTask('shared', entry);
  });

  it('bundles fluent-ffmpeg from lib/ only and leaves the native modules out', () => {
    expect(bundle.inputs).toContain('node_modules/fluent-ffmpeg/lib/fluent-ffmpeg.js');
    expect(bundle.inputs.filter((input) => input.includes('lib-cov'))).toEqual([]);
    expect(bundle.inputs.filter((input) => /node_modules\/(sharp|@img|@node-rs|@fugood)\//.test(input))).toEqual([]);
    expect(readFileSync(bundle.outFile, 'utf8').startsWith("import { createRequire as __postshowCreateRequire } from 'node:module';")).toBe(true);
  });

  it('loads with only the native layer, segments Chinese with jieba and runs ffprobe through fluent-ffmpeg', async () => {
    const wav = path.join(work, 'tone.wav');
    writeFileSync(wav, silentWav(8000, 0.5));
    const output = await runInTask(
      bundle.outFile,
      [
        'const media = new bundle.FfmpegMedia();',
        `const info = await media.probe(${JSON.stringify(wav)}, 'tone.wav');`,
        "const words = bundle.keywords('今天的直播非常精彩，这款口红的颜色很好看', 'zh');",
        'console.log(JSON.stringify({ stages: bundle.stages, duration: info.duration, words }));',
      ].join('\n'),
      { FFPROBE_PATH: path.join(REPO_NODE_MODULES, '@ffprobe-installer/linux-x64/ffprobe') },
    );
    const result = JSON.parse(output) as { stages: string[]; duration: number; words: string[] };
    expect(result.stages).toEqual(['ingest', 'audio', 'transcribe', 'analyze', 'clip', 'suggest', 'catalog', 'report']);
    expect(result.duration).toBeCloseTo(0.5, 1);
    expect(result.words).toContain('直播');
  });
});

describe.each(LAMBDA_ENTRIES)('functions/lambda/%s.ts', (name) => {
  const entry = path.join(REPO_ROOT, LAMBDA_ENTRY_DIR, `${name}.ts`);

  it.skipIf(!existsSync(entry))('bundles, fits beside the layers, and loads with only the native layer', async () => {
    const bundle = await bundleIntoTask(name, entry);
    expect(bundle.bytes + nativeLayer.bytes + FFMPEG_LAYER_BUDGET_BYTES).toBeLessThan(LAMBDA_UNZIPPED_LIMIT_BYTES);
    const output = await runInTask(bundle.outFile, 'console.log(typeof bundle.handler);', contractEnvironment(name));
    expect(output).toBe('function');
  });
});

/** Plausible values for the contract's variables, so entries that read them at import time load. */
function contractEnvironment(name: string): Record<string, string> {
  const queue = (stage: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${stage}`;
  if (name === 'catalogApi') {
    return {
      CATALOG_TABLE: 'catalog',
      RECORDINGS_BUCKET: 'recordings',
      OUTPUTS_BUCKET: 'outputs',
      STAGE_QUEUE_URLS: JSON.stringify({ clip: queue('clip'), catalog: queue('catalog') }),
      DOWNLOAD_URL_SECONDS: '900',
    };
  }
  return {
    POSTSHOW_STAGE: name,
    RECORDINGS_BUCKET: 'recordings',
    OUTPUTS_BUCKET: 'outputs',
    STAGE_QUEUE_URLS: JSON.stringify({ audio: queue('audio') }),
    DEAD_LETTER_QUEUE_URL: queue(`${name}-dlq`),
    MAX_ATTEMPTS: '3',
    CATALOG_TABLE: 'catalog',
    OPENAI_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:openai-AbCdEf',
    FFMPEG_PATH: '/opt/bin/ffmpeg',
    FFPROBE_PATH: '/opt/bin/ffprobe',
    POSTSHOW_FONTS_DIR: '/opt/fonts',
    POWERTOOLS_SERVICE_NAME: 'postshow',
    POWERTOOLS_METRICS_NAMESPACE: 'Postshow',
  };
}

/** A mono 16-bit PCM WAV of silence. */
function silentWav(sampleRate: number, seconds: number): Buffer {
  const samples = Math.round(sampleRate * seconds);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}
