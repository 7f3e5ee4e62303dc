/**
 * Workspace-wide reads: the topic evidence and reviews of every show, shared by the suggest stage, the CLI and the
 * catalog API so they all see the same thing. (The local catalog index reads the catalogs itself, cached.)
 */
import { KEY_ROOTS } from '../core/keys.js';
import type { ShowTopicEvidence } from '../core/topics/index.js';
import { showReviewSchema, type ShowReview } from '../core/schemas/review.js';
import { topicEvidenceFileSchema } from './artifacts.js';
import type { Storage } from './ports.js';

// A file another show's run left in an older or foreign format is skipped (onSkip says which), not fatal.
async function readEach<T>(storage: Storage, suffix: string, parse: (value: unknown) => T | undefined, onSkip?: (key: string) => void): Promise<T[]> {
  const values: T[] = [];
  for (const show of await storage.listFolders(KEY_ROOTS.shows)) {
    const key = `${KEY_ROOTS.shows}${show}${suffix}`;
    try {
      const body = await storage.tryGet(key);
      if (body === undefined) continue;
      const value = parse(JSON.parse(body.toString('utf8')));
      if (value === undefined) onSkip?.(key);
      else values.push(value);
    } catch {
      onSkip?.(key);
    }
  }
  return values;
}

/** Topic evidence of every show in the workspace, sorted by show id. */
export async function readWorkspaceTopicEvidence(storage: Storage, onSkip?: (key: string) => void): Promise<ShowTopicEvidence[]> {
  const shows = await readEach(storage, '/topic-evidence.json', (value) => topicEvidenceFileSchema.safeParse(value).data, onSkip);
  return shows.sort((a, b) => a.showId.localeCompare(b.showId));
}

/** The review of every show in the workspace (shows reviewed before reviews existed have none). */
export async function readWorkspaceReviews(storage: Storage, onSkip?: (key: string) => void): Promise<ShowReview[]> {
  return readEach(storage, '/review.json', (value) => showReviewSchema.safeParse(value).data, onSkip);
}
