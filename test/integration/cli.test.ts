/**
 * The command line as a user meets it: `postshow run --json`, `clips`, `suggest`, `--help`, and
 * one-line reasons with non-zero exit codes on bad input.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleShow } from '../../scripts/sampleShow.js';
import { edlEvents, fcpxmlClips } from '../helpers/editorExportReaders.js';
import { makeZeroByteFile } from '../helpers/media.js';
import { makeWorkspace, sampleShow } from '../helpers/pipelineFixture.js';
import { postshow } from '../helpers/postshowCli.js';

const execFileAsync = promisify(execFile);


/** One frame of a video at `seconds`, as 64x36 grey pixels. */
async function rawFrame(file: string, seconds: number): Promise<Buffer> {
  const { stdout } = await execFileAsync('ffmpeg', ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-vf', 'scale=64:36,format=gray', '-f', 'rawvideo', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 20,
  });
  return stdout;
}

const meanDifference = (a: Buffer, b: Buffer): number => a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length;

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

  it('edits a clip from the recording, approves it, lists and exports the approved clips to MLT (rendered by melt), EDL and FCPXML', async () => {
    const clips = JSON.parse((await postshow(['clips', '--out', out, '--json'])).stdout);
    const clip = clips[0];
    const showDir = path.join(out, 'shows', clip.showId);
    const before = JSON.parse(await readFile(path.join(showDir, 'clips', clip.clipId, 'meta.json'), 'utf8'));
    const start = Math.max(0, before.start - 20);
    const end = Math.min(sample.durationSeconds, before.end + 3);
    const fixed = path.join(workspace.dir, 'fixed.srt');
    await writeFile(fixed, '1\n00:00:00,200 --> 00:00:02,800\nCorrected caption line\n');

    const bad = await postshow(['clip', 'edit', clip.clipId, '--out', out, '--end', '99999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^postshow: span .* is outside the recording \(0-\d+\.\d\d s\)$/);

    const edited = await postshow(['clip', 'edit', clip.clipId, '--out', out, '--start', String(start), '--end', String(end), '--title', 'Fixed by a marketer', '--captions', fixed, '--trim', '', '--aspect', '9:16,16:9', '--json']);
    expect(edited.stderr).toBe('');
    expect(edited.code).toBe(0);
    const meta = JSON.parse(edited.stdout);
    expect(meta).toMatchObject({ version: 2, start, end, title: 'Fixed by a marketer', copyBy: 'edited' });
    expect(meta.history.at(-1).changed).toEqual(['start', 'end', 'title', 'aspects', 'trim', 'captions']);
    expect(meta.kept).toBeUndefined();
    for (const variant of meta.variants) {
      const file = path.join(out, variant.file);
      const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
      expect(Math.abs(Number(stdout) - (end - start)), variant.aspect).toBeLessThan(0.1);
    }
    // The first frame of the source-shaped variant is the recording's frame at the new start.
    const horizontal = path.join(out, meta.variants.find((variant: { aspect: string }) => variant.aspect === '16:9').file);
    const first = await rawFrame(horizontal, 0);
    const original = await rawFrame(sample.recording, start);
    expect(meanDifference(first, original)).toBeLessThan(6);
    expect(await readFile(path.join(out, meta.files.captions), 'utf8')).toContain('Corrected caption line');

    const approved = await postshow(['clip', 'approve', clip.clipId, '--out', out, '--note', 'ready']);
    expect(approved.code).toBe(0);
    const listed = JSON.parse((await postshow(['clips', '--out', out, '--status', 'approved', '--json'])).stdout);
    expect(listed.map((entry: { clipId: string }) => entry.clipId)).toEqual([clip.clipId]);
    expect(listed[0]).toMatchObject({ version: 2, review: { status: 'approved', note: 'ready' } });

    const mlt = path.join(workspace.dir, 'approved.mlt');
    expect((await postshow(['export', clip.showId, '--format', 'mlt', '--approved', '--workspace', out, '--out', mlt])).code).toBe(0);
    const rendered = path.join(workspace.dir, 'approved.mp4');
    await execFileAsync('melt', [mlt, '-consumer', `avformat:${rendered}`, 'vcodec=libx264', 'acodec=aac', 'preset=ultrafast', 'real_time=0']);
    const { stdout: renderedSeconds } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', rendered]);
    expect(Math.abs(Number(renderedSeconds) - (end - start))).toBeLessThan(0.1);

    const rate = { num: 25, den: 1 };
    const edl = (await postshow(['export', clip.showId, '--format', 'edl', '--approved', '--workspace', out])).stdout;
    const [event] = edlEvents(edl, rate);
    expect(Math.abs(event!.sourceIn / 25 - start)).toBeLessThanOrEqual(1 / 25);
    expect(Math.abs(event!.sourceOut / 25 - end)).toBeLessThanOrEqual(1 / 25);
    const fcpxml = (await postshow(['export', clip.showId, '--format', 'fcpxml', '--approved', '--workspace', out])).stdout;
    const [assetClip] = fcpxmlClips(fcpxml);
    expect(Math.abs(assetClip!.start - start)).toBeLessThanOrEqual(1 / 25);
    expect(Math.abs(assetClip!.start + assetClip!.duration - end)).toBeLessThanOrEqual(1 / 25);
    expect(assetClip!.name).toBe('Fixed by a marketer');
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
    // Printed once: the progress lines leave a final failure to the run's closing line.
    expect(empty.stderr.match(/is empty \(0 bytes\)/g)).toHaveLength(1);

    const missing = await postshow(['run', path.join(workspace.dir, 'nope.mp4'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.mp4 does not exist/);

    const badLang = await postshow(['run', sample.recording, '--lang', 'fr', '--out', out]);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toMatch(/--lang/);

    const badId = await postshow(['run', sample.recording, '--show-id', '../../etc', '--out', out]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/invalid key/);

    const badRange = await postshow(['run', sample.recording, '--min-clip', '40', '--max-clip', '20', '--out', out]);
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toMatch(/--min-clip must not exceed --max-clip/);

    const badAspect = await postshow(['run', sample.recording, '--aspect', '9:16,3:2', '--out', out]);
    expect(badAspect.code).toBe(2);
    expect(badAspect.stderr).toMatch(/--aspect must list shapes from 9:16, 1:1, 4:5, 16:9/);
    const badStyle = await postshow(['run', sample.recording, '--caption-style', 'neon', '--out', out]);
    expect(badStyle.code).toBe(2);
    expect(badStyle.stderr).toMatch(/--caption-style must be clean, bold, boxed, karaoke or a JSON style file/);
    const badLag = await postshow(['run', sample.recording, '--chat-lag', '90', '--out', out]);
    expect(badLag.code).toBe(2);
    expect(badLag.stderr).toMatch(/--chat-lag must be at most 60 seconds/);
    const badCompliance = await postshow(['clips', '--compliance', 'bogus', '--out', out]);
    expect(badCompliance.code).toBe(2);
    expect(badCompliance.stderr).toMatch(/--compliance/);
  });

  it('documents every command with --help', async () => {
    for (const command of [[], ['run'], ['clips'], ['suggest'], ['status']]) {
      const help = await postshow([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: postshow/);
    }
  });
});
