/**
 * Deterministic staging of Lambda layer directories at synth time.
 *
 * A layer is described as a list of files (source path -> path in the layer, mode). The staged
 * directory is named by a hash of that list and of each source's size and mtime, so a second synth
 * with the same sources reuses it instead of copying 150 MB again, and any change to a source lands
 * in a new directory. Contents are byte copies with fixed modes and timestamps, so the same sources
 * always give the same CDK asset hash (and the same zip), wherever and whenever synth runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StagedFile {
  /** Absolute path of the source file. */
  readonly source: string;
  /** Relative path inside the layer, `/`-separated (e.g. `bin/ffmpeg`). */
  readonly target: string;
  /** File mode in the layer; binaries need 0o755 (Lambda runs them as a user that does not own them). */
  readonly mode: number;
}

/** Where layers are staged unless a caller says otherwise: outside the repo, shared by synths and tests. */
export const DEFAULT_STAGING_ROOT = path.join(os.tmpdir(), 'postshow-layer-staging');

/** Timestamp given to every staged file and directory (zip entries then carry no build-time dates). */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * Stages `files` into `{root}/{name}-{hash}` and returns that directory. Safe against concurrent
 * synths (tests run in parallel): each writer fills its own temporary directory and renames it
 * into place; the loser of the race throws its copy away.
 */
export function stageDirectory(name: string, files: readonly StagedFile[], root: string = DEFAULT_STAGING_ROOT): string {
  const sorted = [...files].sort((a, b) => a.target.localeCompare(b.target));
  assertUniqueTargets(sorted);
  const key = createHash('sha256');
  for (const file of sorted) {
    const stat = statSync(file.source);
    key.update(`${file.target}\0${file.mode.toString(8)}\0${file.source}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  const target = path.join(root, `${name}-${key.digest('hex').slice(0, 20)}`);
  if (existsSync(target)) {
    if (isComplete(target, sorted)) return target;
    // Something (a tmp cleaner) removed files from an earlier staging: start over.
    rmSync(target, { recursive: true, force: true });
  }

  mkdirSync(root, { recursive: true });
  const scratch = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const file of sorted) {
      const destination = path.join(scratch, ...file.target.split('/'));
      mkdirSync(path.dirname(destination), { recursive: true });
      copyFileSync(file.source, destination);
      chmodSync(destination, file.mode);
      utimesSync(destination, FIXED_TIME, FIXED_TIME);
    }
    fixDirectories(scratch);
    try {
      renameSync(scratch, target);
    } catch (error) {
      if (!existsSync(target)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

/** Every file under `dir`, as paths relative to it, sorted (a directory's files in a stable order). */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  walk('');
  return found;
}

/** Total size of the files under `dir`, bytes (what the layer takes unzipped). */
export function directorySize(dir: string): number {
  return listFiles(dir).reduce((total, file) => total + statSync(path.join(dir, file)).size, 0);
}

function isComplete(dir: string, files: readonly StagedFile[]): boolean {
  return files.every((file) => {
    const staged = path.join(dir, ...file.target.split('/'));
    return existsSync(staged) && statSync(staged).size === statSync(file.source).size;
  });
}

function assertUniqueTargets(files: readonly StagedFile[]): void {
  for (let index = 1; index < files.length; index += 1) {
    if (files[index]?.target === files[index - 1]?.target) throw new Error(`two sources staged at ${files[index]?.target}`);
  }
}

function fixDirectories(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) fixDirectories(path.join(dir, entry.name));
  }
  chmodSync(dir, 0o755);
  utimesSync(dir, FIXED_TIME, FIXED_TIME);
}
