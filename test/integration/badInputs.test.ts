/**
 * Bad input gets a clear error, a failed status and no clip claiming success; nothing crashes.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitShow } from '../../shared/adapters/local/submitShow.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { InvalidKeyError } from '../../shared/core/errors.js';
import { showKeys } from '../../shared/core/keys.js';
import { parseStageMessage } from '../../shared/pipeline/messages.js';
import { highlightsFileSchema } from '../../shared/pipeline/artifacts.js';
import { describeNoHighlights } from '../../cli/commands/runSummary.js';
import { makeRandomBytesFile, makeToneVideo, makeTruncatedMp4, makeZeroByteFile } from '../helpers/media.js';
import { makeWorkspace, runShow } from '../helpers/pipelineFixture.js';

const execFileAsync = promisify(execFile);

describe('bad inputs', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let media: string;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    media = path.join(workspace.dir, 'media');
    await execFileAsync('mkdir', ['-p', media]);
  });
  afterAll(() => workspace?.cleanup());

  async function expectFailure(recordingPath: string, stage: string, reason: RegExp, sideInputs = {}) {
    const run = await runShow(path.join(workspace.dir, 'ws'), { recordingPath, sideInputs });
    expect(run.status.state).toBe('failed');
    expect(run.status.error?.stage).toBe(stage);
    expect(run.status.error?.reason).toMatch(reason);
    expect(run.status.error?.reason.split('\n')).toHaveLength(1);
    // Permanent errors go straight to the dead-letter list: one delivery, no retries.
    expect(run.deadLetters).toHaveLength(1);
    expect(run.deadLetters[0]?.attempts).toBe(1);
    expect(await run.pipeline.storage.list(showKeys(run.showId).clipsPrefix)).toEqual([]);
    expect(await run.pipeline.storage.head(showKeys(run.showId).catalog)).toBeUndefined();
    return run;
  }

  it('rejects a zero-byte recording', async () => {
    await expectFailure(await makeZeroByteFile(media), 'ingest', /recording empty\.mp4 is empty \(0 bytes\)/);
  });

  it('rejects random bytes named .mp4', async () => {
    await expectFailure(await makeRandomBytesFile(media, 'random.mp4'), 'ingest', /random\.mp4 is not a readable media file/);
  });

  it('rejects an mp4 truncated before its moov atom', async () => {
    await expectFailure(await makeTruncatedMp4(media), 'ingest', /truncated\.mp4 is truncated or corrupt/);
  });

  it('rejects a faststart mp4 whose media data was cut off', async () => {
    const full = await makeToneVideo(media, { seconds: 30, name: 'full-faststart-source.mp4' });
    const faststart = path.join(media, 'faststart.mp4');
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-i', full, '-c', 'copy', '-movflags', '+faststart', faststart]);
    const bytes = await readFile(faststart);
    const cut = path.join(media, 'cut-faststart.mp4');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    await expectFailure(cut, 'audio', /cut-faststart\.mp4 appears truncated: its audio decodes to [\d.]+ s of the 30\.\d s/);
  });

  it('rejects a video with no audio track', async () => {
    await expectFailure(await makeToneVideo(media, { seconds: 3, withAudio: false }), 'ingest', /has no audio track/);
  });

  it('rejects a chat log in no known format, naming the accepted ones', async () => {
    const chat = path.join(media, 'chat.jsonl');
    await writeFile(chat, '{"comments": [{"offset": 1, "body": "hi"}]}\n');
    await expectFailure(await makeToneVideo(media, { seconds: 3 }), 'ingest', /chat.*(JSON Lines|jsonl).*bilibili/i, { chat });
  });

  it('skips and counts bad caption cues (clock out of range, broken timing, after the end) and runs the show', async () => {
    const captions = path.join(media, 'bad-cues.srt');
    await writeFile(
      captions,
      [
        '1\n00:00:01,000 --> 00:00:03,000\nwelcome to the show',
        '2\n99:99:99,999 --> 99:99:99,999\nimpossible clock',
        '3\n00:00:04,000 -> 00:00:05,000\nbroken arrow',
        '4\n00:00:06,000 --> 00:00:09,000\nthe serum is back',
        '5\n00:05:00,000 --> 00:05:02,000\nafter the end',
      ].join('\n\n') + '\n',
    );
    const run = await runShow(path.join(workspace.dir, 'ws'), { recordingPath: await makeToneVideo(media, { seconds: 12, name: 'cues.mp4' }), sideInputs: { captions } });
    expect(run.status.state).toBe('succeeded');
    expect(run.deadLetters).toEqual([]);
    const manifest = JSON.parse((await run.pipeline.storage.get(showKeys(run.showId).manifest)).toString('utf8')) as { inputs: { captions: { report: unknown } } };
    expect(manifest.inputs.captions.report).toMatchObject({ format: 'srt', accepted: 2, skipped: 3 });
    const transcript = (await run.pipeline.storage.get(showKeys(run.showId).inputs('captions'))).toString('utf8');
    expect(transcript).toContain('the serum is back');
    expect(transcript).not.toMatch(/broken arrow|impossible clock|after the end/);
  });

  it('says why a show has no highlights: too short for a clip, or nothing strong enough', async () => {
    const reasonOf = async (seconds: number) => {
      const run = await runShow(path.join(workspace.dir, 'ws'), { recordingPath: await makeToneVideo(media, { seconds, name: `tone-${seconds}.mp4` }) });
      expect(run.status.state).toBe('succeeded');
      const file = highlightsFileSchema.parse(JSON.parse((await run.pipeline.storage.get(showKeys(run.showId).highlights)).toString('utf8')));
      expect(file.highlights).toEqual([]);
      return file.none;
    };
    const short = await reasonOf(4);
    expect(short).toMatchObject({ kind: 'too-short', minClipSeconds: 15 });
    expect(describeNoHighlights(short)).toMatch(/^the recording is 4(\.\d)? s long, shorter than the shortest clip \(15 s; --min-clip\)$/);
    // A steady tone: long enough, but no second stands out.
    const flat = await reasonOf(40);
    expect(flat?.kind).toMatch(/below-floor|uncorroborated/);
    expect(describeNoHighlights(flat)).toMatch(/^the strongest moment \(at \d+:\d\d.*\) .*(under the \d+(\.\d+)? a clip needs|too few to explain a clip)$/);
  });

  it('rejects a products file of the wrong shape, pointing at the problem', async () => {
    const products = path.join(media, 'products.json');
    await writeFile(products, '[{"name": "Glow Serum", "aliases": "serum"}]');
    await expectFailure(await makeToneVideo(media, { seconds: 3 }), 'ingest', /aliases/, { products });
  });

  it('refuses hostile show ids and keys before touching storage', async () => {
    const storage = new FsStorage(path.join(workspace.dir, 'ws'));
    const recording = await makeToneVideo(media, { seconds: 3 });
    for (const showId of ['../../etc', '/abs', 'UPPER', 'a/b', 'x'.repeat(65), '', 'ok\u0000id']) {
      await expect(submitShow(storage, { recordingPath: recording, showId })).rejects.toBeInstanceOf(InvalidKeyError);
    }
    for (const key of ['../outside', '/etc/passwd', 'shows/../../x', 'shows//x', 'shows/a\\b', 'shows/\u202eevil']) {
      expect(() => storage.pathOf(key)).toThrow(InvalidKeyError);
    }
    expect(() => parseStageMessage({ stage: 'clip', showId: '../x', clipId: 'h0123456789' })).toThrow(/show id/);
    expect(() => parseStageMessage({ stage: 'ingest', showId: 'ok', recordingKey: 'recordings/../../etc/passwd', runId: 'r1234' })).toThrow(/relative segments/);
  });

  it('sends an invalid queue message to the dead-letter list without running anything', async () => {
    const run = await runShow(path.join(workspace.dir, 'ws-dlq'), { recordingPath: await makeToneVideo(media, { seconds: 3 }) });
    await run.pipeline.queue.send([{ stage: 'clip', showId: '../../etc', clipId: 'h0123456789' } as never]);
    await run.pipeline.queue.drain();
    expect(run.pipeline.queue.deadLetters.at(-1)?.reason).toMatch(/invalid stage message/);
  });
});
