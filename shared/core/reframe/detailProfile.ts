/**
 * Where a frame's detail is, summed per column and per row, and how much of it a crop window holds. This is
 * how `auto` tells a subject (detail gathered in one place) from a picture whose detail is everywhere
 * (a slide, a wide room, two people at the edges), where any crop would cut something away.
 */
import type { CropSize } from './types.js';

/**
 * Luma steps below this between neighbouring pixels are not detail, 0..255: sensor grain, compression
 * noise and soft gradients on a ~320 px sample stay under it, object edges and texture do not. @default 24
 */
export const EDGE_FLOOR = 24;

/** Colour saturation (max - min channel) below this is not detail, 0..255: a dull background or skin in shade. @default 64 */
export const SATURATION_FLOOR = 64;

/** A frame's detail summed per column and per row. */
export interface DetailProfile {
  readonly columns: readonly number[];
  readonly rows: readonly number[];
}

const luma = (data: Uint8Array, i: number): number => 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);

/** Detail per pixel (edge strength above EDGE_FLOOR plus saturation above SATURATION_FLOOR) of packed RGB(A) pixels. */
export function detailProfile(data: Uint8Array, width: number, height: number, channels = 3): DetailProfile {
  const columns = new Array<number>(width).fill(0);
  const rows = new Array<number>(height).fill(0);
  for (let y = 0; y < height - 1; y += 1) {
    for (let x = 0; x < width - 1; x += 1) {
      const i = (y * width + x) * channels;
      const here = luma(data, i);
      const edge = Math.abs(luma(data, i + channels) - here) + Math.abs(luma(data, i + width * channels) - here);
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      const saturation = Math.max(r, g, b) - Math.min(r, g, b);
      const detail = Math.max(0, edge - EDGE_FLOOR) + Math.max(0, saturation - SATURATION_FLOOR);
      columns[x] = (columns[x] as number) + detail;
      rows[y] = (rows[y] as number) + detail;
    }
  }
  return { columns, rows };
}

/** Share of `sums` inside [from, from + extent), both normalised 0..1, with fractional end bins. */
function shareInside(sums: readonly number[], from: number, extent: number): number {
  const total = sums.reduce((sum, value) => sum + value, 0);
  if (total <= 0 || extent >= 1) return extent >= 1 ? 1 : 0;
  const start = from * sums.length;
  const end = (from + extent) * sums.length;
  let inside = 0;
  sums.forEach((value, i) => {
    inside += value * Math.max(0, Math.min(i + 1, end) - Math.max(i, start));
  });
  return inside / total;
}

/**
 * How much more of the frame's detail a window centred at (cx, cy) holds than its share of the area, scaled
 * to 0 (detail as spread as the area, or a flat frame) .. 1 (all of it inside). The column and row shares
 * multiply, which is exact for our windows since each spans the whole frame on one axis.
 */
export function windowConcentration(profile: DetailProfile, crop: CropSize, centre: { cx: number; cy: number }): number {
  const area = crop.width * crop.height;
  if (area >= 1) return 1;
  const total = profile.columns.reduce((sum, value) => sum + value, 0);
  if (total <= 0) return 0;
  const share = shareInside(profile.columns, centre.cx - crop.width / 2, crop.width) * shareInside(profile.rows, centre.cy - crop.height / 2, crop.height);
  return Math.min(1, Math.max(0, (share - area) / (1 - area)));
}
