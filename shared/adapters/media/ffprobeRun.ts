/**
 * Every ffprobe start (FfmpegMedia.probe, the render's packet listing in videoPackets.ts) goes through here:
 * a direct execFile, JSON on stdout, and two guards for the static build npm installs (bundledFfprobe.ts).
 *
 * - GCONV_PATH: the static ffprobe carries its own glibc (2.28). When a container names a character set
 *   (MPEG-TS service names: ffmpeg's own TS muxer writes them in the default DVB set, ISO 6937), iconv loads
 *   the host's conversion module through gconv-modules.cache; the module links the host's libc, and the
 *   process dies of SIGSEGV. With GCONV_PATH set, glibc skips that cache and reads the plain gconv-modules
 *   file instead; on Debian 12 it then loads no module at all (checked with strace for ISO 6937, ISO 8859-5
 *   and GB2312 names): the conversion is refused and ffprobe keeps the name's bytes, which postshow never
 *   reads. A distribution's ffprobe, linked against the host's glibc, still converts.
 * - A fallback binary: should a build still crash (killed by a signal), the same arguments are run once more
 *   on the next binary, so a probe never fails for the binary's sake where another ffprobe is installed.
 */
import { execFile } from 'node:child_process';
import { redactUrls } from './redactUrls.js';

/** A directory that does not exist: only its being set matters (see the module comment). */
export const GCONV_PATH_FOR_STATIC_BUILDS = '/nonexistent/postshow-gconv';

/** The binaries a run tries in turn: at least one. */
export type FfprobeBinaries = readonly [string, ...string[]];

export interface FfprobeRunOptions {
  readonly signal?: AbortSignal;
  /** Largest stdout accepted, bytes. @default 16 MiB */
  readonly maxBuffer?: number;
}

/**
 * What a failed run carries: ffprobe's stderr, how it ended, and the binary that was run. Message and stderr have
 * every URL's query string removed (a presigned URL's signature), and execFile's own error, whose message repeats
 * the whole command line, is not kept as the cause.
 */
export class FfprobeRunError extends Error {
  readonly binary: string;
  readonly stderr: string;
  /** The exit code, or the errno code (`ENOENT`, `EACCES`) when the binary could not be started. */
  readonly code: number | string | undefined;
  /** The signal that killed it (a crash), if any. */
  readonly exitSignal: NodeJS.Signals | undefined;
  /** Set when the binary could not be started at all. */
  readonly spawnFailed: boolean;
  readonly aborted: boolean;

  constructor(message: string, how: Pick<FfprobeRunError, 'binary' | 'stderr' | 'code' | 'exitSignal' | 'spawnFailed' | 'aborted'>) {
    super(message);
    this.name = 'FfprobeRunError';
    this.binary = how.binary;
    this.stderr = how.stderr;
    this.code = how.code;
    this.exitSignal = how.exitSignal;
    this.spawnFailed = how.spawnFailed;
    this.aborted = how.aborted;
  }
}

/**
 * Runs `binaries[0]` with `args` and returns its stdout; when it is killed by a signal (not by `signal`), runs
 * the next binary, and so on. Rejects with the last FfprobeRunError.
 */
export async function runFfprobe([binary, ...fallbacks]: FfprobeBinaries, args: readonly string[], options: FfprobeRunOptions = {}): Promise<string> {
  try {
    return await runOnce(binary, args, options);
  } catch (error) {
    const failure = error as FfprobeRunError;
    const [next, ...rest] = fallbacks;
    // Only a crash gives way: a failed probe of the input would fail the same on any build.
    if (next === undefined || !failure.exitSignal || failure.aborted) throw failure;
    return runFfprobe([next, ...rest], args, options);
  }
}

function runOnce(binary: string, args: readonly string[], options: FfprobeRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [...args],
      {
        maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
        env: { ...process.env, GCONV_PATH: GCONV_PATH_FOR_STATIC_BUILDS },
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const failed = error as NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals | null };
        const aborted = failed.name === 'AbortError' || options.signal?.aborted === true;
        const spawnFailed = typeof failed.code === 'string' && failed.syscall !== undefined;
        const how = failed.signal ? `was killed by ${failed.signal}` : spawnFailed ? `could not be started (${failed.code})` : `exited with code ${String(failed.code)}`;
        const detail = redactUrls(stderr);
        reject(
          new FfprobeRunError(`ffprobe at ${binary} ${how}\n${detail}`.trim(), {
            binary,
            stderr: detail,
            code: failed.code,
            exitSignal: failed.signal ?? undefined,
            spawnFailed,
            aborted,
          }),
        );
      },
    );
  });
}
