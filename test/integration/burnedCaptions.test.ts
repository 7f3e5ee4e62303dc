/**
 * Karaoke captions burned by real ffmpeg + libass: the caption area changes where a word is spoken,
 * the highlighted word moves from one word to the next, and override tags in the transcript text stay
 * text. One ffmpeg run on a tiny frame.
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
const FRAME = { width: 270, height: 480 } as const;
const BACKGROUND = [0x20, 0x40, 0x60] as const;
const FPS = 25;

type Rgb = Buffer;
const pixel = (image: Rgb, x: number, y: number): number[] => [...image.subarray((y * FRAME.width + x) * 3, (y * FRAME.width + x) * 3 + 3)];
/** Pixels in rows [from, to) that differ from `other` by more than a little codec noise. */
function changed(image: Rgb, other: Rgb, from: number, to: number): number {
  let count = 0;
  for (let y = from; y < to; y += 1) {
    for (let x = 0; x < FRAME.width; x += 1) {
      const a = pixel(image, x, y);
      const b = pixel(other, x, y);
      if (a.some((value, channel) => Math.abs(value - (b[channel] ?? 0)) > 24)) count += 1;
    }
  }
  return count;
}
/** Mean x of yellow pixels (the highlight #FFD400): red and green high, blue low. */
function yellowCentre(image: Rgb): { count: number; x: number } {
  let count = 0;
  let sum = 0;
  for (let y = 0; y < FRAME.height; y += 1) {
    for (let x = 0; x < FRAME.width; x += 1) {
      const [r = 0, g = 0, b = 0] = pixel(image, x, y);
      if (r > 200 && g > 160 && b < 90) {
        count += 1;
        sum += x;
      }
    }
  }
  return { count, x: count > 0 ? sum / count : Number.NaN };
}

describe('burned karaoke captions (ffmpeg + libass)', () => {
  let dir: string;
  const frames: Record<'plain' | 'first' | 'third' | 'hostile', Rgb> = {} as never;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'postshow-captions-'));
    // Prepare: four words with engine timings over 1.6 s, then a line of hostile ASS markup
    const words = ['glow', 'serum', 'is', 'back'].map((text, index) => ({ text, start: 0.4 * index, end: 0.4 * index + 0.35, reliable: true }));
    const { ass, state } = buildClipCaptions({
      segments: [
        { start: 0, end: 1.6, text: 'glow serum is back', words, reliable: true },
        { start: 1.6, end: 2, text: '{\\fs300\\1c&H0000FF&}big{\\b1}', reliable: true },
      ],
      engine: 'openai',
      language: 'en',
      timeline: wholeSpan({ start: 0, end: 2 }),
      style: CAPTION_STYLE_PRESETS.karaoke,
      frame: FRAME,
    });
    expect(state.burned).toBe(true);
    const assPath = path.join(dir, 'captions.ass');
    await writeFile(assPath, ass ?? '');
    // Act: one run, frames as raw RGB: no captions at 0.2 s, captions at 0.2 s (word 1), 1 s (word 3) and 1.8 s (hostile)
    const colour = `color=c=0x${BACKGROUND.map((v) => v.toString(16).padStart(2, '0')).join('')}:s=${FRAME.width}x${FRAME.height}:r=${FPS}:d=2`;
    const pick = (seconds: number): string => `select=eq(n\\,${Math.round(seconds * FPS)})`;
    const graph = [
      '[0:v]split=2[p][c]',
      `[c]ass=filename=${assPath}:fontsdir=${DEFAULT_FFMPEG_MEDIA_OPTIONS.fontsDir},split=3[c1][c3][ch]`,
      `[p]${pick(0.2)}[plain]`,
      `[c1]${pick(0.2)}[first]`,
      `[c3]${pick(1)}[third]`,
      `[ch]${pick(1.8)}[hostile]`,
    ].join(';');
    const out = (name: string): string[] => ['-map', `[${name}]`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', path.join(dir, `${name}.rgb`)];
    await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', colour, '-filter_complex', graph, ...out('plain'), ...out('first'), ...out('third'), ...out('hostile')]);
    for (const name of ['plain', 'first', 'third', 'hostile'] as const) frames[name] = await readFile(path.join(dir, `${name}.rgb`));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the caption in the bottom part of the frame and nowhere else', () => {
    // Assess: bold preset sits 18% up from the bottom
    expect(frames.plain).toHaveLength(FRAME.width * FRAME.height * 3);
    expect(changed(frames.first, frames.plain, Math.round(FRAME.height * 0.6), FRAME.height)).toBeGreaterThan(300);
    expect(changed(frames.first, frames.plain, 0, Math.round(FRAME.height * 0.5))).toBe(0);
  });

  it('highlights the word being spoken, and the highlight moves on with the speech', () => {
    const first = yellowCentre(frames.first);
    const third = yellowCentre(frames.third);
    expect(first.count).toBeGreaterThan(20);
    expect(third.count).toBeGreaterThan(5);
    expect(yellowCentre(frames.plain).count).toBe(0);
    // "glow" is left of "is" on the line "glow serum is back".
    expect(third.x - first.x).toBeGreaterThan(30);
  });

  it('shows override tags in transcript text as text: no 300 px font, no red', () => {
    const hostile = frames.hostile;
    // The line is drawn, at caption size: nothing above the bottom 40% of the frame changes.
    expect(changed(hostile, frames.plain, Math.round(FRAME.height * 0.6), FRAME.height)).toBeGreaterThan(100);
    expect(changed(hostile, frames.plain, 0, Math.round(FRAME.height * 0.6))).toBe(0);
    let red = 0;
    for (let offset = 0; offset < hostile.length; offset += 3) {
      if ((hostile[offset] ?? 0) > 180 && (hostile[offset + 1] ?? 0) < 80 && (hostile[offset + 2] ?? 0) < 80) red += 1;
    }
    expect(red).toBe(0);
  });
});
