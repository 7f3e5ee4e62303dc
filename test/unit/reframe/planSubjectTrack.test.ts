import { describe, expect, it } from 'vitest';
import { CUT_STEP_SECONDS, cropSize, planSubjectTrack, trackAt, type SubjectSample } from '../../../shared/core/reframe/index.js';

/** A 16:9 source cut to 9:16: the window is 0.316 of the width, centre range 0.158..0.842. */
const crop = cropSize(1920, 1080, '9:16');
const FPS = 4;

/** Samples at 4 fps over [from, to) with the focal point `x(t)` (y in the middle). */
function samples(from: number, to: number, x: (t: number) => number): SubjectSample[] {
  const out: SubjectSample[] = [];
  for (let k = Math.ceil(from * FPS); k / FPS < to; k += 1) out.push({ t: k / FPS, x: x(k / FPS), y: 0.5 });
  return out;
}

const xs = (track: ReturnType<typeof planSubjectTrack>, times: number[]): number[] => times.map((t) => trackAt(track, t).cx);

describe('planSubjectTrack', () => {
  it('holds still while the subject wobbles inside the dead zone', () => {
    // Prepare: a host swaying ±0.03 around 0.4 (the dead zone is 0.35 x half the window, ~0.055).
    const input = { samples: samples(0, 10, (t) => 0.4 + 0.03 * Math.sin(t * 3)), shotChanges: [], duration: 10, crop };
    // Act
    const track = planSubjectTrack(input);
    // Assess: two points, one position, near the host.
    expect(track).toHaveLength(2);
    expect(track[0]?.cx).toBe(track[1]?.cx);
    expect(Math.abs((track[0]?.cx ?? 0) - 0.4)).toBeLessThan(0.03);
  });

  it('ignores a single-frame outlier', () => {
    const input = { samples: samples(0, 6, (t) => (t === 3 ? 0.9 : 0.3)), shotChanges: [], duration: 6, crop };
    const track = planSubjectTrack(input);
    expect(new Set(track.map((point) => point.cx))).toEqual(new Set([0.3]));
  });

  it('pans no faster than the cap when the subject jumps within a shot', () => {
    const input = { samples: samples(0, 10, (t) => (t < 5 ? 0.25 : 0.75)), shotChanges: [], duration: 10, crop };
    const track = planSubjectTrack(input, { maxPanSpeed: 0.75 });
    const maxSpeed = 0.75 * crop.width;
    for (let i = 1; i < track.length; i += 1) {
      const a = track[i - 1]!;
      const b = track[i]!;
      expect(Math.abs(b.cx - a.cx) / (b.t - a.t)).toBeLessThanOrEqual(maxSpeed + 1e-3);
    }
    // It gets there: the subject is inside the window again by the end.
    expect(Math.abs(trackAt(track, 10).cx - 0.75)).toBeLessThanOrEqual(crop.width / 2);
  });

  it('keeps a steadily moving subject near the window centre (no trailing by the dead zone)', () => {
    const x = (t: number): number => 0.2 + 0.06 * t;
    const track = planSubjectTrack({ samples: samples(0, 10, x), shotChanges: [], duration: 10, crop });
    for (const t of [2, 4, 6, 8]) expect(Math.abs(trackAt(track, t).cx - x(t))).toBeLessThan(0.03);
  });

  it('re-aims at a cut with a jump, not a pan', () => {
    const input = { samples: samples(0, 8, (t) => (t < 4 ? 0.25 : 0.7)), shotChanges: [4], duration: 8, crop };
    const track = planSubjectTrack(input);
    expect(xs(track, [3.9, 4 - CUT_STEP_SECONDS, 4, 4.1])).toEqual([0.25, 0.25, 0.7, 0.7]);
    expect(track.map((point) => point.t)).toEqual([0, 4 - CUT_STEP_SECONDS, 4, 8]);
  });

  it('ignores a cut that would leave a shot shorter than half a second', () => {
    const input = { samples: samples(0, 6, (t) => (t >= 3 && t < 3.25 ? 0.8 : 0.3)), shotChanges: [3, 3.25], duration: 6, crop };
    const track = planSubjectTrack(input);
    expect(Math.max(...track.map((point) => point.cx))).toBeLessThan(0.35);
  });

  it('keeps the window inside the frame when the subject is at the edge', () => {
    const track = planSubjectTrack({ samples: samples(0, 4, () => 0.02), shotChanges: [], duration: 4, crop });
    for (const point of track) expect(point.cx).toBeCloseTo(crop.width / 2, 6);
    const right = planSubjectTrack({ samples: samples(0, 4, () => 1), shotChanges: [], duration: 4, crop });
    for (const point of right) expect(point.cx + crop.width / 2).toBeLessThanOrEqual(1);
  });

  it('moves only the axis the window does not span (a vertical source cut to 16:9)', () => {
    const wide = cropSize(1080, 1920, '16:9');
    const input = { samples: samples(0, 6, (t) => 0.3 + 0.05 * t).map((sample) => ({ ...sample, x: 0.9, y: sample.x })), shotChanges: [], duration: 6, crop: wide };
    const track = planSubjectTrack(input);
    expect(track.every((point) => point.cx === 0.5)).toBe(true);
    expect(trackAt(track, 5).cy).toBeGreaterThan(trackAt(track, 1).cy + 0.1);
  });

  it('uses at most two points a second however jittery the samples', () => {
    // A subject wandering fast enough to move the window at every sample.
    const input = { samples: samples(0, 20, (t) => 0.5 + 0.3 * Math.sin(t * 1.7)), shotChanges: [7, 13], duration: 20, crop };
    const track = planSubjectTrack(input);
    expect(track.length).toBeLessThanOrEqual(2 * 20 + 1 + 2 * 2);
    for (let i = 1; i < track.length; i += 1) expect(track[i]!.t).toBeGreaterThan(track[i - 1]!.t);
  });

  it('centres the window without samples, and plans a shot between samples from the nearest one', () => {
    expect(planSubjectTrack({ samples: [], shotChanges: [], duration: 5, crop })).toEqual([{ t: 0, cx: 0.5, cy: 0.5 }]);
    // Samples every 2 s; the shot [4.6, 5.4) has none of its own.
    const sparse = [0, 2, 4, 6, 8].map((t) => ({ t, x: t < 4.6 || t >= 5.4 ? 0.3 : 0.8, y: 0.5 }));
    const track = planSubjectTrack({ samples: sparse, shotChanges: [4.6, 5.4], duration: 8, crop });
    expect(trackAt(track, 5).cx).toBe(0.3);
  });
});
