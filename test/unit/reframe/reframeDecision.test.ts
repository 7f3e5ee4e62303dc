import { describe, expect, it } from 'vitest';
import { autoChoosesSubject, cropSize, detailProfile, trackEvidence, windowConcentration, type DetailProfile } from '../../../shared/core/reframe/index.js';

const crop = cropSize(320, 180, '9:16');

/** A 320x180 grey RGB frame with saturated, striped boxes at the given column ranges. */
function frame(boxes: readonly [number, number][]): Uint8Array {
  const data = new Uint8Array(320 * 180 * 3).fill(90);
  for (const [from, to] of boxes) {
    for (let y = 60; y < 120; y += 1) {
      for (let x = from; x < to; x += 1) {
        const i = (y * 320 + x) * 3;
        const on = (x >> 2) % 2 === 0;
        data[i] = on ? 250 : 20;
        data[i + 1] = on ? 40 : 200;
        data[i + 2] = 30;
      }
    }
  }
  return data;
}

describe('detail concentration', () => {
  it('is high for one gathered subject in the window, low for two apart or a flat frame', () => {
    const one = detailProfile(frame([[40, 90]]), 320, 180);
    const two = detailProfile(frame([[10, 60], [260, 310]]), 320, 180);
    const flat = detailProfile(frame([]), 320, 180);
    expect(windowConcentration(one, crop, { cx: 65 / 320, cy: 0.5 })).toBeGreaterThan(0.9);
    expect(windowConcentration(one, crop, { cx: 0.8, cy: 0.5 })).toBe(0);
    expect(windowConcentration(two, crop, { cx: 35 / 320 + 0.05, cy: 0.5 })).toBeLessThan(0.4);
    expect(windowConcentration(flat, crop, { cx: 0.5, cy: 0.5 })).toBe(0);
  });

  it('does not count sensor grain as detail', () => {
    const grain = frame([]);
    for (let i = 0; i < grain.length; i += 1) grain[i] = 90 + ((i * 7919) % 13) - 6;
    const profile = detailProfile(grain, 320, 180);
    expect(profile.columns.reduce((sum, value) => sum + value, 0)).toBe(0);
  });
});

describe('auto decision', () => {
  const profiles = (count: number, boxes: readonly [number, number][]): DetailProfile[] => Array.from({ length: count }, () => detailProfile(frame(boxes), 320, 180));
  const steady = [{ t: 0, cx: 65 / 320, cy: 0.5 }];

  it('follows a stable subject the window holds', () => {
    const samples = Array.from({ length: 8 }, (_, k) => ({ t: k / 4, x: 65 / 320, y: 0.5 }));
    const evidence = trackEvidence(steady, crop, samples, profiles(8, [[40, 90]]), []);
    expect(evidence).toEqual({ samples: 8, shotChanges: [], subjectKept: 1, concentration: expect.any(Number) });
    expect(autoChoosesSubject(evidence)).toBe(true);
  });

  it('blurs when the focal point keeps leaving the window', () => {
    const samples = Array.from({ length: 8 }, (_, k) => ({ t: k / 4, x: k % 2 ? 0.9 : 65 / 320, y: 0.5 }));
    const evidence = trackEvidence(steady, crop, samples, profiles(8, [[40, 90]]), []);
    expect(evidence.subjectKept).toBe(0.5);
    expect(autoChoosesSubject(evidence)).toBe(false);
  });

  it('blurs when the window holds too little of the picture', () => {
    const samples = Array.from({ length: 8 }, (_, k) => ({ t: k / 4, x: 65 / 320, y: 0.5 }));
    const evidence = trackEvidence(steady, crop, samples, profiles(8, [[40, 90], [200, 250], [260, 310]]), []);
    expect(evidence.subjectKept).toBe(1);
    expect(autoChoosesSubject(evidence)).toBe(false);
  });

  it('blurs without samples', () => {
    expect(autoChoosesSubject({ samples: 0, shotChanges: [], subjectKept: 0, concentration: 0 })).toBe(false);
  });
});
