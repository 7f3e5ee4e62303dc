/**
 * Robust statistics over per-second series: medians and median absolute deviations resist the
 * outliers we are looking for, so a burst does not raise its own baseline the way a mean would.
 */

/** Scale factor that makes the MAD a consistent estimator of the standard deviation for normal data. */
export const MAD_TO_SIGMA = 1.4826;

/** Scale factor that makes the mean absolute deviation a consistent estimator of sigma for normal data (√(π/2)). */
const MEAN_ABS_DEV_TO_SIGMA = Math.sqrt(Math.PI / 2);

/** Median of the values (average of the two middle ones for an even count); 0 for an empty input. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return medianOfSorted(sorted, sorted.length);
}

/** Median absolute deviation around `center` (default: the median), unscaled; 0 for an empty input. */
export function mad(values: readonly number[], center: number = median(values)): number {
  if (values.length === 0) return 0;
  return median(values.map((v) => Math.abs(v - center)));
}

/**
 * A robust spread in sigma units: the scaled MAD, falling back to the scaled mean absolute deviation
 * when more than half the values sit on the median (sparse series such as mention counts have MAD 0),
 * and never below `minSpread` (in the series' own units) so a near-constant series cannot blow up.
 */
export function robustSpread(values: readonly number[], minSpread: number, center: number = median(values)): number {
  if (values.length === 0) return minSpread;
  const madSigma = mad(values, center) * MAD_TO_SIGMA;
  if (madSigma >= minSpread) return madSigma;
  let sumAbs = 0;
  for (const v of values) sumAbs += Math.abs(v - center);
  const meanAbsSigma = (sumAbs / values.length) * MEAN_ABS_DEV_TO_SIGMA;
  return Math.max(madSigma, meanAbsSigma, minSpread);
}

/** Robust z-scores (x - center) / spread, element-wise; `center` and `spread` may be scalars or per-element series. */
export function robustZ(
  values: readonly number[],
  center: number | readonly number[],
  spread: number | readonly number[],
): number[] {
  return values.map((v, i) => {
    const c = typeof center === 'number' ? center : (center[i] ?? 0);
    const s = typeof spread === 'number' ? spread : (spread[i] ?? 1);
    return s > 0 ? (v - c) / s : 0;
  });
}

/**
 * The q-quantile (0..1) of the values by linear interpolation between order statistics; 0 for an
 * empty input. `quantile(v, 0.5)` is the median.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return quantileOfSorted(sorted, sorted.length, q);
}

/**
 * Centred rolling median with a window of `window` samples (clipped at the ends). Non-finite values
 * (NaN marks "no measurement", e.g. silence) are left out of the window; a window with no finite value
 * yields NaN. Keeps the window sorted and moves it with binary-search insert/remove: O(n log w) comparisons plus
 * O(n·w) element moves, which for w ≤ a few hundred is a memmove and runs 7,200 samples in about a millisecond.
 */
export function rollingMedian(values: readonly number[], window: number): number[] {
  return rollingQuantile(values, window, 0.5);
}

/** Centred rolling q-quantile, same window rules as `rollingMedian`. */
export function rollingQuantile(values: readonly number[], window: number, q: number): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  if (n === 0) return out;
  const w = Math.max(1, Math.floor(window));
  const half = Math.floor((w - 1) / 2);
  // Window for output i is [i - half, i + (w - 1 - half)], clipped to [0, n).
  const sorted = new Float64Array(Math.min(w, n) + 1);
  let size = 0;
  let lo = 0; // first index currently in the window
  let hi = 0; // one past the last index currently in the window
  for (let i = 0; i < n; i++) {
    const wantLo = Math.max(0, i - half);
    const wantHi = Math.min(n, i + (w - 1 - half) + 1);
    // Drop the oldest first so the buffer never holds more than one window.
    while (lo < wantLo) {
      const v = values[lo];
      if (v !== undefined && Number.isFinite(v)) size = removeSorted(sorted, size, v);
      lo++;
    }
    while (hi < wantHi) {
      const v = values[hi];
      if (v !== undefined && Number.isFinite(v)) size = insertSorted(sorted, size, v);
      hi++;
    }
    out[i] = size > 0 ? quantileOfSorted(sorted, size, q) : Number.NaN;
  }
  return out;
}

/** Centred rolling MAD (unscaled) of the values around their rolling median `center`, same window rules as `rollingMedian`. */
export function rollingMad(values: readonly number[], center: readonly number[], window: number): number[] {
  const deviations = values.map((v, i) => Math.abs(v - (center[i] ?? 0)));
  return rollingMedian(deviations, window);
}

/** Centred moving sum over `window` samples (clipped at the ends), via prefix sums in O(n). */
export function movingSum(values: readonly number[], window: number): number[] {
  const n = values.length;
  const w = Math.max(1, Math.floor(window));
  const half = Math.floor((w - 1) / 2);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + finiteOr(values[i], 0);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(n, i + (w - 1 - half) + 1);
    out[i] = (prefix[to] ?? 0) - (prefix[from] ?? 0);
  }
  return out;
}

/** Centred moving average over `window` samples; near the ends it averages only the samples that exist. */
export function movingAverage(values: readonly number[], window: number): number[] {
  const n = values.length;
  const w = Math.max(1, Math.floor(window));
  const half = Math.floor((w - 1) / 2);
  const sums = movingSum(values, w);
  return sums.map((s, i) => {
    const count = Math.min(n, i + (w - 1 - half) + 1) - Math.max(0, i - half);
    return count > 0 ? s / count : 0;
  });
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

function quantileOfSorted(sorted: Float64Array, size: number, q: number): number {
  if (size === 0) return 0;
  const position = Math.min(1, Math.max(0, q)) * (size - 1);
  const below = Math.floor(position);
  const fraction = position - below;
  const low = sorted[below] ?? 0;
  return fraction === 0 ? low : low + ((sorted[below + 1] ?? low) - low) * fraction;
}

function medianOfSorted(sorted: Float64Array, size: number): number {
  if (size === 0) return 0;
  const mid = size >> 1;
  return size % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** First index whose value is >= x. */
function lowerBound(sorted: Float64Array, size: number, x: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(sorted: Float64Array, size: number, x: number): number {
  const at = lowerBound(sorted, size, x);
  sorted.copyWithin(at + 1, at, size);
  sorted[at] = x;
  return size + 1;
}

function removeSorted(sorted: Float64Array, size: number, x: number): number {
  const at = lowerBound(sorted, size, x);
  sorted.copyWithin(at, at + 1, size);
  return size - 1;
}

