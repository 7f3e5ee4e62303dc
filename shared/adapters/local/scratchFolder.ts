/**
 * The local run's temporary files live in the workspace (`tmp/{pid}-{random}/`), not in /tmp: a run
 * that is killed leaves them where the next start finds them, and removes them once their process is
 * gone. Each folder names its owner in `owner.json` (see processIdentity.ts for why a pid is not enough).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { currentProcess, isAlive, type ProcessIdentity } from './processIdentity.js';

export const SCRATCH_FOLDER = 'tmp';
const OWNER_FILE = 'owner.json';
/** A folder without an owner file is a start that died between mkdir and writing it; give it this long. */
const UNOWNED_GRACE_MS = 60 * 60_000;

export interface ScratchFolder {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Removes the scratch folders of dead processes, then makes this process's own. */
export async function claimScratchFolder(workspace: string): Promise<ScratchFolder> {
  const root = path.join(workspace, SCRATCH_FOLDER);
  await mkdir(root, { recursive: true });
  await removeAbandonedScratch(root);
  const me = currentProcess();
  const dir = path.join(root, `${me.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir);
  await writeFile(path.join(dir, OWNER_FILE), JSON.stringify(me));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The folders under `root` whose process has died; removed. Returns how many. */
export async function removeAbandonedScratch(root: string): Promise<number> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    const owner = await readOwner(dir);
    const abandoned = owner ? !isAlive(owner) : await olderThan(dir, UNOWNED_GRACE_MS);
    if (!abandoned) continue;
    await rm(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

async function readOwner(dir: string): Promise<ProcessIdentity | undefined> {
  try {
    const owner = JSON.parse(await readFile(path.join(dir, OWNER_FILE), 'utf8')) as ProcessIdentity;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function olderThan(dir: string, ms: number): Promise<boolean> {
  return stat(dir).then((info) => Date.now() - info.mtimeMs > ms, () => false);
}
