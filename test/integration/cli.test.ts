/**
 * The command line as a user meets it: `postshow run --json`, `clips`, `suggest`, `--help`, and
 * one-line reasons with non-zero exit codes on bad input.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { makeZeroByteFile } from '../helpers/media.js';
import { makeWorkspace, sampleShow } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);
const CLI = path.resolve('bin/postshow.js');

async function postshow(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('node', [CLI, ...args], { maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('postshow CLI', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let sample: SampleShow;
  let out: string;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    out = path.join(workspace.dir, 'out');
    sample = await sampleShow('cli-en', { minutes: 1.5, language: 'en', seed: 5, width: 320, height: 180 });
  });
  afterAll(() => workspace?.cleanup());

  it('runs a show and prints a machine-readable summary', async () => {
    const result = await postshow([
      'run', sample.recording, '--chat', sample.chat, '--metrics', sample.metrics, '--products', sample.products,
      '--captions', sample.captions, '--max-clips', '2', '--min-clip', '8', '--max-clip', '15', '--chat-lag', '3', '--out', out, '--json',
      '--aspect', '9:16,1:1,16:9', '--caption-style', 'karaoke', '--trim', 'silence',
    ]);
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.status).toBe('succeeded');
    expect(summary.showId).toMatch(/^recording-[0-9a-f]{10}$/);
    expect(summary.transcriptEngine).toBe('captions');
    expect(summary.highlights.length).toBeGreaterThan(0);
    expect(summary.clips).toHaveLength(summary.highlights.length);
    for (const highlight of summary.highlights) {
      expect(highlight.end - highlight.start).toBeGreaterThanOrEqual(8 - 0.01);
      expect(highlight.end - highlight.start).toBeLessThanOrEqual(15 + 0.01);
    }
    expect(summary.clips[0].variants['9:16']).toMatch(/9x16\.mp4$/);
    for (const clip of summary.clips) await expectShapesAndKaraoke(clip.id);
    expect(summary.outputs.report).toMatch(/report\.html$/);
    expect(summary.topics.length).toBeGreaterThan(0);
    // The side inputs' parse reports and the chat lag (measured, and the one applied: here the flag's) travel in the summary.
    expect(summary.inputs.chat).toMatchObject({ format: 'jsonl', kinds: { message: expect.any(Number) } });
    expect(summary.inputs.chat.accepted).toBeGreaterThan(0);
    expect(summary.chatLag).toMatchObject({
      method: expect.stringMatching(/^(cross-correlation|default)$/),
      lagSeconds: expect.any(Number),
      appliedSeconds: 3,
      appliedFrom: 'override',
    });

    const clips = JSON.parse((await postshow(['clips', '--out', out, '--json'])).stdout);
    expect(clips.map((clip: { clipId: string }) => clip.clipId).sort()).toEqual(summary.clips.map((clip: { id: string }) => clip.id).sort());
    const product = clips[0].products[0] as string | undefined;
    if (product) {
      const filtered = JSON.parse((await postshow(['clips', '--out', out, '--product', product.toLowerCase(), '--json'])).stdout);
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((clip: { products: string[] }) => clip.products.includes(product))).toBe(true);
    }
    const none = JSON.parse((await postshow(['clips', '--out', out, '--min-score', '1000000', '--json'])).stdout);
    expect(none).toEqual([]);
    const human = await postshow(['clips', '--out', out]);
    expect(human.stdout).toContain(summary.clips[0].id);

    const suggestions = JSON.parse((await postshow(['suggest', '--out', out, '--json'])).stdout);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0].evidence.length).toBeGreaterThan(0);
  });

  /** Three playable variants of one length (the trimmed one meta.json records), each with a karaoke ASS of one event per word. */
  async function expectShapesAndKaraoke(clipId: string): Promise<void> {
    const [showDir] = await readdir(path.join(out, 'shows'));
    const clipDir = path.join(out, 'shows', showDir!, 'clips', clipId);
    const meta = JSON.parse(await readFile(path.join(clipDir, 'meta.json'), 'utf8'));
    expect(meta.variants.map((variant: { aspect: string }) => variant.aspect)).toEqual(['9:16', '1:1', '16:9']);
    expect(meta.captions).toMatchObject({ burned: true, style: 'karaoke' });
    const srt = await readFile(path.join(clipDir, 'captions.srt'), 'utf8');
    const words = srt.replace(/^\d+\r?\n.*-->.*\r?\n/gm, '').split(/\s+/).filter(Boolean);
    for (const variant of meta.variants) {
      const file = path.join(clipDir, path.basename(variant.file));
      const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,width,height:format=duration', '-of', 'json', file]);
      const probed = JSON.parse(stdout);
      expect(probed.streams.find((s: { codec_type: string }) => s.codec_type === 'video'), variant.aspect).toMatchObject({ width: variant.width, height: variant.height });
      expect(probed.streams.some((s: { codec_type: string }) => s.codec_type === 'audio'), variant.aspect).toBe(true);
      expect(Math.abs(Number(probed.format.duration) - meta.duration), variant.aspect).toBeLessThan(0.1);
      // Playable to the end, not just a well-formed header.
      await execFileAsync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
      const ass = await readFile(path.join(clipDir, path.basename(variant.captions)), 'utf8');
      expect(ass.match(/^Dialogue:/gm)?.length, variant.aspect).toBe(words.length);
    }
  }

  it('explains bad input in one line with a non-zero exit code', async () => {
    const empty = await postshow(['run', await makeZeroByteFile(workspace.dir), '--out', out]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n').at(-1)).toBe('postshow: ingest failed: recording empty.mp4 is empty (0 bytes)');

    const missing = await postshow(['run', path.join(workspace.dir, 'nope.mp4'), '--out', out]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.mp4 does not exist/);

    const badLang = await postshow(['run', sample.recording, '--lang', 'fr', '--out', out]);
    expect(badLang.code).not.toBe(0);
    expect(badLang.stderr).toMatch(/--lang/);

    const badId = await postshow(['run', sample.recording, '--show-id', '../../etc', '--out', out]);
    expect(badId.code).not.toBe(0);
    expect(badId.stderr).toMatch(/invalid key/);

    const badRange = await postshow(['run', sample.recording, '--min-clip', '40', '--max-clip', '20', '--out', out]);
    expect(badRange.code).not.toBe(0);
    expect(badRange.stderr).toMatch(/--min-clip must not exceed --max-clip/);

    const badAspect = await postshow(['run', sample.recording, '--aspect', '9:16,3:2', '--out', out]);
    expect(badAspect.code).toBe(2);
    expect(badAspect.stderr).toMatch(/--aspect must list shapes from 9:16, 1:1, 4:5, 16:9/);
    const badStyle = await postshow(['run', sample.recording, '--caption-style', 'neon', '--out', out]);
    expect(badStyle.code).toBe(2);
    expect(badStyle.stderr).toMatch(/--caption-style must be clean, bold, boxed, karaoke or a JSON style file/);
    const badLag = await postshow(['run', sample.recording, '--chat-lag', '90', '--out', out]);
    expect(badLag.code).not.toBe(0);
    expect(badLag.stderr).toMatch(/--chat-lag must be at most 60 seconds/);
  });

  it('documents every command with --help', async () => {
    for (const command of [[], ['run'], ['clips'], ['suggest'], ['status']]) {
      const help = await postshow([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: postshow/);
    }
  });
});
