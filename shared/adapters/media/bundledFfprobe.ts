/**
 * The static ffprobe that npm installs with postshow (the optionalDependency `@ffprobe-installer/linux-x64`,
 * which the Lambda layer ships too), preferred locally over a distribution's ffprobe when FFPROBE_PATH is unset.
 *
 * Why: a probe does little work, so its cost is the binary's start. Debian's ffprobe links 215 shared
 * libraries, 127 of them with BIND_NOW, and resolves their symbols before `main`: 0.11 s of CPU on every
 * start, against 4 ms for the static build. The ingest probe and each render's packet listing are on the
 * critical path, so this takes about 0.11 s off each. ffprobe only reads headers and the first packets;
 * every decode still runs in FFMPEG_PATH's ffmpeg.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { findExecutable } from '../findExecutable.js';

const INSTALLER_PACKAGE = '@ffprobe-installer/linux-x64';

/**
 * The static ffprobe's path when it is installed and this user may run it; undefined otherwise (another
 * platform, `npm ci --omit=optional`, a bundle without node_modules, or a file without the execute bit
 * for this user: npm unpacks it as rwxr--r--).
 */
export function bundledFfprobe(resolveFrom?: string): string | undefined {
  if (resolveFrom !== undefined) return find(resolveFrom);
  // Every FfmpegMedia asks; the answer does not change while the process runs.
  if (!('path' in installed)) installed.path = find(import.meta.url);
  return installed.path;
}

const installed: { path?: string | undefined } = {};

function find(resolveFrom: string): string | undefined {
  let packageJson: string;
  try {
    packageJson = createRequire(resolveFrom).resolve(`${INSTALLER_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }
  return findExecutable(path.join(path.dirname(packageJson), 'ffprobe'));
}
