/**
 * Offline English transcription with pocketsphinx (Debian: pocketsphinx + pocketsphinx-en-us). It is
 * the floor, not the product: a high error rate, but no network, no key and no model download.
 *
 * Preferred decoder: `pocketsphinx_continuous`, which times every word and gives its posterior
 * probability (the word's `confidence`, judged by shared/core/transcript/reliability.ts). Without
 * that binary, ffmpeg's `asr` filter runs the same model: text only, no word timings, no confidence,
 * so nothing it hears is marked reliable.
 */
import { existsSync } from 'node:fs';
import { findExecutable } from '../findExecutable.js';
import { MediaError } from '../../core/errors.js';
import type { Language, Segment, TimeRange } from '../../core/types.js';
import type { ChunkTranscript, Transcriber, TranscribeRequest } from '../../pipeline/ports.js';
import type { FfmpegMedia } from '../media/ffmpegMedia.js';
import { POCKETSPHINX_CONTINUOUS, POCKETSPHINX_EN_US, runPocketsphinxContinuous, type PocketsphinxModel } from './pocketsphinxContinuous.js';
import { parsePocketsphinxTimes, segmentsFromUtterances } from './pocketsphinxOutput.js';

/** Where Debian's pocketsphinx-en-us puts the acoustic model. */
export const POCKETSPHINX_EN_US_MODEL = POCKETSPHINX_EN_US.hmm;

/** Pocketsphinx's English speaking rate assumption for placing an utterance without a silence before it, words per second. */
const ASSUMED_WORDS_PER_SECOND = 2.5;

/** Options of {@link PocketsphinxTranscriber}. */
export interface PocketsphinxOptions {
  /** The model files. @default Debian's pocketsphinx-en-us ({@link POCKETSPHINX_EN_US}) */
  readonly model?: PocketsphinxModel;
  /**
   * `pocketsphinx_continuous` to run: a path, or a name looked up on PATH; `false` forces the ffmpeg
   * `asr` filter. @default 'pocketsphinx_continuous'
   */
  readonly binary?: string | false;
}

export class PocketsphinxTranscriber implements Transcriber {
  readonly engine = 'pocketsphinx' as const;
  /** True with `pocketsphinx_continuous` (words timed, chunks overlap); false on the ffmpeg `asr` fallback. */
  readonly wordTimings: boolean;
  /** The decoder binary, when found; undefined means the ffmpeg `asr` filter is used. */
  readonly binaryPath: string | undefined;
  private readonly media: FfmpegMedia;
  private readonly model: PocketsphinxModel;

  constructor(media: FfmpegMedia, options: PocketsphinxOptions = {}) {
    this.media = media;
    this.model = options.model ?? POCKETSPHINX_EN_US;
    // Looked up once: wordTimings decides the chunk plan, so it must not change during a run.
    this.binaryPath = options.binary === false ? undefined : findExecutable(options.binary ?? POCKETSPHINX_CONTINUOUS);
    this.wordTimings = this.binaryPath !== undefined;
  }

  /**
   * English, with the acoustic model installed. With the binary found its language model and dictionary
   * must be there too; without it the ffmpeg `asr` filter is tried (it fails with a permanent MediaError
   * on builds that lack the filter, such as the static Lambda ffmpeg).
   */
  supports(language: Language): boolean {
    if (language !== 'en' || !existsSync(this.model.hmm)) return false;
    return this.binaryPath === undefined || (existsSync(this.model.lm) && existsSync(this.model.dict));
  }

  async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
    if (this.binaryPath) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(request.location)) {
        throw new MediaError(`${POCKETSPHINX_CONTINUOUS} reads local WAV files only, not ${request.location.split('?')[0]}`, { permanent: true });
      }
      const { stdout } = await runPocketsphinxContinuous(this.binaryPath, request.location, this.model, request.signal);
      return { engine: this.engine, segments: segmentsFromUtterances(parsePocketsphinxTimes(stdout), request) };
    }
    const utterances = await this.media.recognizeSpeech(request.location, {}, request.signal);
    return { engine: this.engine, segments: placeUtterances(utterances, request) };
  }
}

/**
 * The asr filter reports when an utterance ended, not when it began. The start is taken from the
 * last silence that ended before it (speech begins where silence ends), bounded by the previous
 * utterance and by a plausible length for its word count.
 */
export function placeUtterances(
  utterances: readonly { end: number; text: string }[],
  request: { offset: number; duration: number; silences: readonly TimeRange[] },
): Segment[] {
  const segments: Segment[] = [];
  let previousEnd = request.offset;
  for (const utterance of utterances) {
    const end = Math.min(request.offset + request.duration, request.offset + utterance.end);
    const words = utterance.text.split(/\s+/).filter(Boolean).length;
    const plausibleStart = end - Math.max(1, words / ASSUMED_WORDS_PER_SECOND) * 1.5;
    const silenceEnd = [...request.silences].reverse().find((s) => s.end <= end - 0.3 && s.end >= previousEnd)?.end;
    const start = Math.max(previousEnd, silenceEnd ?? plausibleStart, plausibleStart - 5);
    if (end > start) segments.push({ start: round(start), end: round(end), text: utterance.text });
    previousEnd = end;
  }
  return segments;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
