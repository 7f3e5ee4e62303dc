/**
 * Caption text that looks like libass markup is burned exactly as written (real ffmpeg + libass): `\N`
 * does not break the line, `\h` is not a hard space, and `{…}` does not vanish as an override block.
 * Each hostile text is drawn next to a twin with a harmless character in its place (`/` for `\`, `()` for
 * `{}`), and the two must take the same room: markup read as markup would change the ink's height or width.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTION_STYLE_PRESETS, buildClipCaptions } from '../../shared/core/captions/index.js';
import { wholeSpan } from '../../shared/core/clips/clipTimeline.js';
import { DEFAULT_FFMPEG_MEDIA_OPTIONS } from '../../shared/adapters/media/ffmpegMedia.js';

const execFileAsync = promisify(execFile);
const FRAME = { width: 480, height: 270 } as const;

/** The bounding box of whatever the captions drew: pixels far from the black background. */
interface Ink {
  readonly width: number;
  readonly height: number;
}

describe('caption text with libass markup characters, burned', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'postshow-markup-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Burns `text` as the only caption of a one-second black clip and measures its ink at 0.5 s. */
  async function inkOf(text: string, name: string): Promise<Ink> {
    const { ass } = buildClipCaptions({
      segments: [{ start: 0, end: 1, text, reliable: true }],
      engine: 'captions',
      language: 'en',
      timeline: wholeSpan({ start: 0, end: 1 }),
      style: CAPTION_STYLE_PRESETS.clean,
      frame: FRAME,
    });
    const assPath = path.join(dir, `${name}.ass`);
    await writeFile(assPath, ass ?? '');
    const rawPath = path.join(dir, `${name}.rgb`);
    await execFileAsync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=black:s=${FRAME.width}x${FRAME.height}:r=10:d=1`,
      '-vf', `ass=filename=${assPath}:fontsdir=${DEFAULT_FFMPEG_MEDIA_OPTIONS.fontsDir},select=eq(n\\,5)`,
      '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', rawPath,
    ]);
    const image = await readFile(rawPath);
    let left: number = FRAME.width;
    let top: number = FRAME.height;
    let right = -1;
    let bottom = -1;
    for (let y = 0; y < FRAME.height; y += 1) {
      for (let x = 0; x < FRAME.width; x += 1) {
        if ((image[y * FRAME.width + x] ?? 0) < 40) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    return { width: right - left + 1, height: bottom - top + 1 };
  }

  it.each([
    ['\\N, a line break to libass', 'SALE\\NNOW', 'SALE/NNOW'],
    ['\\n, a soft line break', 'SALE\\nNOW', 'SALE/nNOW'],
    ['\\h, a hard space', 'SALE\\hNOW', 'SALE/hNOW'],
    ['an override block', 'SALE{NOW}GO', 'SALE(NOW)GO'],
    ['a tag that would set a 300 px font', 'SALE{\\fs300}GO', 'SALE(/fs300)GO'],
  ])('draws %s as its own characters, on one line', async (_what, hostile, twin) => {
    const [drawn, expected] = [await inkOf(hostile, 'hostile'), await inkOf(twin, 'twin')];
    expect(expected.height).toBeGreaterThan(5);
    // One line, like the twin (a line break would double the height, a 300 px font fill the frame).
    expect(drawn.height).toBeLessThanOrEqual(expected.height * 1.15);
    // Every character drawn (a vanished block or a hard space would make the line visibly shorter).
    expect(Math.abs(drawn.width - expected.width)).toBeLessThanOrEqual(expected.width * 0.08);
  });
});
