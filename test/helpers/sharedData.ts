/**
 * Real data some tests read from outside the repository: `../shared` beside the clone (chat logs, speech,
 * captions) and Debian's LibriVox utterances (pocketsphinx-testdata, installed by
 * scripts/install-system-packages.sh). A test that needs one skips itself with {@link missingTestData}, which
 * says so in one line. CI has both, so there `POSTSHOW_REQUIRE_SHARED_DATA=1` turns a missing folder into a
 * failure: a moved or renamed folder must not quietly switch the real-data tests off.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIBRIVOX_DIR } from '../../scripts/asrEval/speechSets.js';

/**
 * `../shared` beside the repository. `POSTSHOW_SHARED_DIR` points it elsewhere, e.g. at a folder that does not
 * exist, to see what a checkout without it (or CI with a broken one) reports.
 */
export const SHARED_DIR = path.resolve(process.env.POSTSHOW_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url)));

/** `../shared/data`: chat logs, speech and video, each folder with its sources file. */
export const SHARED_DATA = path.join(SHARED_DIR, 'data');

export { LIBRIVOX_DIR };

const REQUIRED = process.env.POSTSHOW_REQUIRE_SHARED_DATA === '1';

/** Missing folders already reported by this test file (vitest loads this module once per file). */
const reported = new Set<string>();

/**
 * True when `needed` (a file or folder of real test data) is missing, for `describe.skipIf`/`it.skipIf`.
 * Prints one line naming the outermost missing folder, once per test file.
 * @throws Error under `POSTSHOW_REQUIRE_SHARED_DATA=1`, which fails the test file instead of skipping.
 */
export function missingTestData(needed: string): boolean {
  if (existsSync(needed)) return false;
  const missing = outermostMissing(path.resolve(needed));
  if (REQUIRED) {
    throw new Error(`${missing} is missing, and POSTSHOW_REQUIRE_SHARED_DATA=1 requires it (this file reads ${needed})`);
  }
  if (!reported.has(missing)) {
    reported.add(missing);
    console.warn(`${missing} not found: the tests that read it are skipped (POSTSHOW_REQUIRE_SHARED_DATA=1 fails them instead)`);
  }
  return true;
}

/** `/a/b/c/file` with `/a/b` absent gives `/a/b`: the folder to restore, not each file under it. */
function outermostMissing(needed: string): string {
  let missing = needed;
  while (path.dirname(missing) !== missing && !existsSync(path.dirname(missing))) missing = path.dirname(missing);
  return missing;
}
