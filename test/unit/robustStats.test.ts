import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import {
  MAD_TO_SIGMA,
  mad,
  median,
  movingAverage,
  movingSum,
  robustSpread,
  robustZ,
  rollingMad,
  rollingMedian,
} from '../../shared/core/highlights/robustStats.js';

/** The obvious O(n·w log w) definition the fast versions must agree with. */
function bruteWindow(values: readonly number[], window: number, reduce: (xs: number[]) => number): number[] {
  const half = Math.floor((window - 1) / 2);
  return values.map((_, i) => reduce(values.slice(Math.max(0, i - half), Math.min(values.length, i + window - half)).filter(Number.isFinite)));
}

const bruteMedian = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

describe('median and mad', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('measures spread by the median absolute deviation, unmoved by one outlier', () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([1, 2, 3, 4, 5], 0)).toBe(3);
    expect(mad([])).toBe(0);
  });
});

describe('robustSpread', () => {
  it('matches the standard deviation on normal data', () => {
    const random = mulberry32(1);
    const normal = Array.from({ length: 20_000 }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) * 2);
    expect(robustSpread(normal, 0.01)).toBeCloseTo(2, 1);
  });

  it('falls back to the mean absolute deviation for sparse series and never goes below the floor', () => {
    const sparse = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 5 : 0));
    expect(mad(sparse)).toBe(0);
    expect(robustSpread(sparse, 0.1)).toBeCloseTo(0.5 * Math.sqrt(Math.PI / 2), 6);
    expect(robustSpread(new Array(50).fill(3), 0.7)).toBe(0.7);
    expect(robustSpread([], 2)).toBe(2);
    expect(MAD_TO_SIGMA).toBeCloseTo(1.4826, 4);
  });
});

describe('robustZ', () => {
  it('scales by scalar or per-element centre and spread', () => {
    expect(robustZ([1, 3, 5], 3, 2)).toEqual([-1, 0, 1]);
    expect(robustZ([10, 10], [0, 5], [5, 1])).toEqual([2, 5]);
    expect(robustZ([4], 1, 0)).toEqual([0]);
  });
});

describe('rollingMedian', () => {
  const random = mulberry32(42);
  const values = Array.from({ length: 500 }, () => Math.round(random() * 100));

  it.each([1, 2, 7, 30, 121, 800])('agrees with the brute-force median for a window of %i', (window) => {
    expect(rollingMedian(values, window)).toEqual(bruteWindow(values, window, bruteMedian));
  });

  it('leaves non-finite values out and gives NaN for an empty window', () => {
    const gappy = [1, Number.NaN, 3, Number.NaN, Number.NaN, Number.NaN, 9];
    expect(rollingMedian(gappy, 3)).toEqual(bruteWindow(gappy, 3, bruteMedian));
    expect(Number.isNaN(rollingMedian(gappy, 3)[4])).toBe(true);
    expect(rollingMedian([], 5)).toEqual([]);
  });

  it('ignores a short burst: the baseline stays at the background level', () => {
    const series = Array.from({ length: 300 }, (_, i) => (i >= 150 && i < 160 ? 50 : 2));
    expect(Math.max(...rollingMedian(series, 120))).toBe(2);
  });

  it('runs a 2-hour series with a 5-minute window quickly', () => {
    const long = Array.from({ length: 7200 }, () => random());
    const began = performance.now();
    const result = rollingMedian(long, 300);
    console.log(`rollingMedian 7200 x 300: ${(performance.now() - began).toFixed(1)} ms`);
    expect(result[3600]).toBeCloseTo(bruteMedian(long.slice(3600 - 149, 3600 + 151)), 12);
  });
});

describe('rollingMad', () => {
  it('is the rolling median of absolute deviations from the given centre', () => {
    const values = [1, 5, 2, 8, 3, 3, 9, 0];
    const center = rollingMedian(values, 3);
    const deviations = values.map((v, i) => Math.abs(v - (center[i] as number)));
    expect(rollingMad(values, center, 3)).toEqual(bruteWindow(deviations, 3, bruteMedian));
  });
});

describe('movingSum and movingAverage', () => {
  const random = mulberry32(9);
  const values = Array.from({ length: 200 }, () => random() * 10);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it.each([1, 4, 10, 31])('agree with brute force for a window of %i', (window) => {
    const sums = movingSum(values, window);
    const means = movingAverage(values, window);
    bruteWindow(values, window, sum).forEach((expected, i) => expect(sums[i]).toBeCloseTo(expected, 9));
    bruteWindow(values, window, (xs) => sum(xs) / xs.length).forEach((expected, i) => expect(means[i]).toBeCloseTo(expected, 9));
  });

  it('count non-finite samples as zero', () => {
    expect(movingSum([1, Number.NaN, 2], 3)).toEqual([1, 3, 2]);
  });
});
