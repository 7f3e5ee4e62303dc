import { MAX_CLIPS } from '../settings/runSettings.js';
import type { HighlightConfig } from './config.js';

/**
 * How many clips a show may get: the caller's `maxClips` when set; otherwise `clipsPerTenMinutes` per ten
 * minutes of show (rounded up), at least `minClipBudget` and at most MAX_CLIPS. The budget is a ceiling only:
 * which moments fill it is up to the score floor (scoreFloor.ts), so a quiet show gets fewer.
 */
export function clipBudget(durationSeconds: number, config: Pick<HighlightConfig, 'maxClips' | 'clipsPerTenMinutes' | 'minClipBudget'>): number {
  if (config.maxClips !== undefined) return config.maxClips;
  const seconds = Number.isFinite(durationSeconds) ? Math.max(0, durationSeconds) : 0;
  const byLength = Math.ceil((config.clipsPerTenMinutes * seconds) / 600 - 1e-9);
  return Math.min(MAX_CLIPS, Math.max(config.minClipBudget, byLength));
}
