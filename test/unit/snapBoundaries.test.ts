import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_CONFIG, resolveHighlightConfig } from '../../shared/core/highlights/config.js';
import type { SnapInputs } from '../../shared/core/highlights/snapBoundaries.js';
import { snapBoundaries } from '../../shared/core/highlights/snapBoundaries.js';
import type { TimeRange } from '../../shared/core/types.js';

const NEUTRAL = { score: 0, hits: 0 };

/** Sentences of `every` seconds separated by 0.4 s pauses, starting at `from`. */
function sentences(from: number, to: number, every: number) {
  const segments = [];
  for (let t = from; t + every <= to; t += every + 0.4) segments.push({ start: t, end: t + every, text: 'words', sentiment: NEUTRAL });
  return segments;
}

function show(duration: number, segments: SnapInputs['segments'], silences: TimeRange[] = []): SnapInputs {
  return { duration, segments, audio: { silences } };
}

const config = DEFAULT_HIGHLIGHT_CONFIG; // preRoll 10, postRoll 20, tolerance 4, clip 15..60

describe('snapBoundaries', () => {
  it('moves the start back to a sentence start and the end forward to a sentence end', () => {
    const inputs = show(600, sentences(0.5, 600, 6.2));
    const range = snapBoundaries(300, inputs, config);
    const starts = inputs.segments.map((s) => s.start.toFixed(2));
    const ends = inputs.segments.map((s) => s.end.toFixed(2));
    expect(starts).toContain(range.start.toFixed(2));
    expect(ends).toContain(range.end.toFixed(2));
    expect(Math.abs(range.start - 290)).toBeLessThanOrEqual(config.snapToleranceSeconds);
    expect(Math.abs(range.end - 320)).toBeLessThanOrEqual(config.snapToleranceSeconds);
    expect(range.start).toBeLessThan(300);
    expect(range.end).toBeGreaterThan(300);
  });

  it('prefers widening the clip: start back, end forward, even past a nearer mark the other way', () => {
    const segments = [
      { start: 288, end: 290.5, text: 'a', sentiment: NEUTRAL },
      { start: 290.5, end: 319.5, text: 'b', sentiment: NEUTRAL },
      { start: 320.2, end: 322, text: 'c', sentiment: NEUTRAL },
    ];
    expect(snapBoundaries(300, show(600, segments), config)).toEqual({ start: 288, end: 322 });
  });

  it('uses silences when there is no transcript', () => {
    const range = snapBoundaries(300, show(600, [], [{ start: 285, end: 287.5 }, { start: 322, end: 323 }]), config);
    expect(range).toEqual({ start: 287.5, end: 322 });
  });

  it('snaps the other way only when nothing lies within tolerance the preferred way', () => {
    const segments = [{ start: 292, end: 318.5, text: 'one long sentence', sentiment: NEUTRAL }];
    const range = snapBoundaries(300, show(600, segments), config);
    expect(range).toEqual({ start: 292, end: 318.5 });
  });

  it('keeps the window where it is when nothing is near', () => {
    expect(snapBoundaries(300, show(600, []), config)).toEqual({ start: 290, end: 320 });
  });

  it('clamps to the show and still respects the minimum length', () => {
    const atStart = snapBoundaries(2, show(600, []), config);
    expect(atStart.start).toBe(0);
    expect(atStart.end - atStart.start).toBeGreaterThanOrEqual(config.minClipSeconds);
    const atEnd = snapBoundaries(598, show(600, []), config);
    expect(atEnd.end).toBe(600);
    expect(atEnd.end - atEnd.start).toBeGreaterThanOrEqual(config.minClipSeconds);
    expect(atEnd.start).toBeLessThanOrEqual(598);
  });

  it('stretches a short window to the minimum length around the peak', () => {
    const cfg = resolveHighlightConfig({ preRollSeconds: 2, postRollSeconds: 3, snapToleranceSeconds: 0 });
    const range = snapBoundaries(100, show(600, []), cfg);
    expect(range.end - range.start).toBeCloseTo(cfg.minClipSeconds, 6);
    expect(range.start).toBeLessThan(100);
    expect(range.end).toBeGreaterThan(100);
  });

  it('cuts a long window to the maximum length, keeping the peak inside', () => {
    const cfg = resolveHighlightConfig({ preRollSeconds: 50, postRollSeconds: 50, maxClipSeconds: 60 });
    const range = snapBoundaries(300, show(600, sentences(0.5, 600, 6.2)), cfg);
    expect(range.end - range.start).toBeLessThanOrEqual(60);
    expect(range.end - range.start).toBeGreaterThan(59);
    expect(range.start).toBeLessThan(300);
    expect(range.end).toBeGreaterThan(300);
  });

  it('returns the whole show when it is shorter than the minimum clip', () => {
    expect(snapBoundaries(5, show(9.5, []), config)).toEqual({ start: 0, end: 9.5 });
  });
});
