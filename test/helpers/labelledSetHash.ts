/** One digest of a generated labelled set (every show folder's files, names and bytes, in sorted order). */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function hashLabelledSet(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const show of (await readdir(dir)).sort()) {
    for (const file of (await readdir(join(dir, show))).sort()) {
      hash.update(`${show}/${file}\n`);
      hash.update(await readFile(join(dir, show, file)));
    }
  }
  return hash.digest('hex');
}
