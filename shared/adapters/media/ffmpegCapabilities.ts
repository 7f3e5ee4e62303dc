/**
 * What an ffmpeg binary can do, asked of the binary itself. postshow runs two very different builds:
 * Debian's ffmpeg 5.1 locally and the static 4.1 snapshot (@ffmpeg-installer/linux-x64) in Lambda,
 * which has no `scdet` filter, no `asr` filter and no `-fps_mode` option. Asking for filters and
 * options, rather than comparing version numbers, also covers git snapshots ("N-47683-g0e8eb07980").
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MediaError } from '../../core/errors.js';

const execFileAsync = promisify(execFile);

export interface FfmpegCapabilities {
  /** The binary that was asked. */
  readonly ffmpegPath: string;
  /** As ffmpeg prints it: '5.1.9-0+deb12u1', or 'N-47683-g0e8eb07980-static' for a git snapshot. */
  readonly version: string;
  /** Names of the compiled-in filters. */
  readonly filters: ReadonlySet<string>;
  /** Names of the main options, without the dash (`fps_mode`, `vsync`, `filter_threads`, ...). */
  readonly options: ReadonlySet<string>;
  /**
   * Whether the `noise` bitstream filter takes a `drop` expression (5.1+; 4.1 has only a random
   * `dropamount`): what lets the scene pass keep every other keyframe (FfmpegMedia.detectSceneChanges).
   */
  readonly packetDropExpression: boolean;
}

/** How a build measures the change between two intra frames (see FfmpegMedia.detectSceneChanges). */
export type SceneMeasure = 'scdet' | 'signalstats';

// " T.. scdet             V->V       Detect video scene change" (flags: timeline, slice threads, commands)
const FILTER_LINE = /^\s*[A-Z.|]{3}\s+(\w+)\s+\S*->\S*\s/;

/** Filter names from `ffmpeg -filters` (stdout); the legend above the list is skipped. */
export function parseFilterList(stdout: string): Set<string> {
  const filters = new Set<string>();
  for (const line of stdout.split('\n')) {
    const match = FILTER_LINE.exec(line);
    if (match?.[1]) filters.add(match[1]);
  }
  return filters;
}

/** Option names from `ffmpeg -hide_banner -h long`: every line that starts with `-name`. */
export function parseOptionList(help: string): Set<string> {
  return new Set([...help.matchAll(/^-(\w+)/gm)].map((match) => match[1]!));
}

/**
 * Whether `ffmpeg -h full` lists a `drop <string>` option for the noise bitstream filter (the second
 * `noise AVOptions:` block; the first is the noise video filter's).
 */
export function parsePacketDropExpression(help: string): boolean {
  for (const block of help.split(/^noise AVOptions:$/m).slice(1)) {
    const options = block.split(/\n\s*\n/)[0] ?? '';
    // Bitstream filter options carry the `B` flag in their flags column.
    if (/^\s+-drop\s+<string>\s+\S*B/m.test(options)) return true;
  }
  return false;
}

/** The version word of ffmpeg's banner (`ffmpeg version 5.1.9-0+deb12u1 Copyright ...`), or 'unknown'. */
export function parseVersion(banner: string): string {
  return /^ffmpeg version (\S+)/m.exec(banner)?.[1] ?? 'unknown';
}

/**
 * The scene measure a build supports: scdet (ffmpeg 4.4+), else signalstats (every build since 2.x),
 * which yields the same numbers (see SignalstatsChangeReader). Undefined when it has neither.
 */
export function sceneMeasureOf(capabilities: Pick<FfmpegCapabilities, 'filters'>): SceneMeasure | undefined {
  if (capabilities.filters.has('scdet')) return 'scdet';
  if (capabilities.filters.has('signalstats')) return 'signalstats';
  return undefined;
}

/**
 * `-fps_mode passthrough` where the build has it (5.1+), else its predecessor `-vsync passthrough`:
 * frames go on as decoded, never duplicated or dropped to reach a constant rate.
 */
export function passthroughFrameTiming(capabilities: Pick<FfmpegCapabilities, 'options'>): string[] {
  return capabilities.options.has('fps_mode') ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough'];
}

/** Runs the binary twice (filter list with banner, every option); a few tens of milliseconds. */
export async function detectFfmpegCapabilities(ffmpegPath: string): Promise<FfmpegCapabilities> {
  try {
    const [filterList, help] = await Promise.all([
      // Without -hide_banner: the banner (stderr) carries the version, the list (stdout) the filters.
      execFileAsync(ffmpegPath, ['-filters'], { maxBuffer: 8 * 1024 * 1024 }),
      // `full` rather than `long`: it adds every component's options, the noise bitstream filter's among them.
      execFileAsync(ffmpegPath, ['-hide_banner', '-h', 'full'], { maxBuffer: 32 * 1024 * 1024 }),
    ]);
    const filters = parseFilterList(filterList.stdout);
    if (filters.size === 0) throw new Error(`no filters listed by ${ffmpegPath} -filters`);
    return {
      ffmpegPath,
      version: parseVersion(filterList.stderr),
      filters,
      options: parseOptionList(help.stdout),
      packetDropExpression: parsePacketDropExpression(help.stdout),
    };
  } catch (error) {
    // Not permanent: nothing is wrong with the recording; a broken or missing binary shows up in every retry anyway.
    throw new MediaError(`ffmpeg at ${ffmpegPath} could not be run: ${(error as Error).message}`.slice(0, 600), { permanent: false, cause: error });
  }
}
