/**
 * Runs Debian's `pocketsphinx_continuous` (package `pocketsphinx`) on a 16 kHz mono 16-bit WAV and
 * returns its stdout: the hypotheses with per-word times and posteriors (`-time yes`). The binary
 * logs its whole configuration to stderr; only the last lines are kept, for error messages.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AbortedError, MediaError, reasonOf } from '../../core/errors.js';

/** The model files of one language (Debian's pocketsphinx-en-us lays them out like this). */
export interface PocketsphinxModel {
  /** Acoustic model directory (`-hmm`). */
  readonly hmm: string;
  /** Language model (`-lm`). */
  readonly lm: string;
  /** Pronunciation dictionary (`-dict`). */
  readonly dict: string;
}

/** Debian's pocketsphinx-en-us. */
export const POCKETSPHINX_EN_US: PocketsphinxModel = {
  hmm: '/usr/share/pocketsphinx/model/en-us/en-us',
  lm: '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin',
  dict: '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict',
};

export const POCKETSPHINX_CONTINUOUS = 'pocketsphinx_continuous';

/** Stderr lines kept for an error message. */
const STDERR_TAIL_LINES = 5;

/** What a finished run printed: stdout whole, and the ERROR lines of stderr (problems it carried on past). */
export interface PocketsphinxRun {
  readonly stdout: string;
  readonly errors: readonly string[];
}

/** The search a run does: decoding with the language model, or spotting the phrases of a `-kws` file. */
export type PocketsphinxSearch = { readonly kind: 'lm' } | { readonly kind: 'kws'; readonly keyphraseFile: string };

/**
 * Runs `pocketsphinx_continuous -time yes` on a local WAV file. Aborting the signal kills the process
 * and rejects with an AbortedError. A run that exits non-zero rejects with a MediaError quoting
 * pocketsphinx's FATAL/ERROR line: permanent (the file or the model is unusable), unless the process
 * was killed.
 */
export function runPocketsphinxContinuous(
  binary: string,
  wavPath: string,
  model: PocketsphinxModel,
  signal?: AbortSignal,
  search: PocketsphinxSearch = { kind: 'lm' },
): Promise<PocketsphinxRun> {
  const what = `${search.kind === 'lm' ? 'speech recognition' : 'keyphrase spotting'} (${path.basename(binary)}) on ${path.basename(wavPath)}`;
  if (signal?.aborted) return Promise.reject(new AbortedError(`${what} stopped: ${reasonOf(signal.reason)}`, { cause: signal.reason }));
  const searchArgs = search.kind === 'lm' ? ['-lm', model.lm] : ['-kws', search.keyphraseFile];
  const args = ['-infile', wavPath, '-time', 'yes', '-hmm', model.hmm, ...searchArgs, '-dict', model.dict];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderrTail: string[] = [];
    let problem: string | undefined;
    const errors: string[] = [];
    let partial = '';
    child.stdout.on('data', (data: Buffer) => stdout.push(data));
    child.stderr.on('data', (data: Buffer) => {
      const lines = (partial + data.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (/^(FATAL|ERROR)/.test(line)) problem ??= line.trim();
        if (/^ERROR/.test(line)) errors.push(line.trim());
        stderrTail = [...stderrTail, line].slice(-STDERR_TAIL_LINES);
      }
    });
    const kill = (): void => void child.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', kill);
      action();
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      settle(() =>
        reject(new MediaError(`${what}: ${binary} could not be run (${error.code ?? error.message})${missing ? ': apt-get install pocketsphinx' : ''}`, { permanent: missing, cause: error })),
      );
    });
    child.on('close', (code, killedBy) => {
      settle(() => {
        if (signal?.aborted) {
          reject(new AbortedError(`${what} stopped: ${reasonOf(signal.reason)}`, { cause: signal.reason }));
        } else if (code === 0) {
          resolve({ stdout: Buffer.concat(stdout).toString('utf8'), errors });
        } else if (killedBy) {
          reject(new MediaError(`${what} was killed by ${killedBy}`, { permanent: false }));
        } else {
          const detail = (problem ?? (stderrTail.filter(Boolean).join(' | ') || `exit code ${code}`)).slice(0, 500);
          reject(new MediaError(`${what} failed: ${detail}`, { permanent: true }));
        }
      });
    });
  });
}
