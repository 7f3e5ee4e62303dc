/**
 * Offline English transcription with the pocketsphinx model behind ffmpeg's `asr` filter
 * (Debian: ffmpeg + pocketsphinx-en-us). It is the floor, not the product: no word timings and
 * a high error rate, but it needs no network, no key and no model download.
 */
import { existsSync } from 'node:fs';
import type { Language, Segment, TimeRange } from '../../core/types.js';
import type { ChunkTranscript, Transcriber, TranscribeRequest } from '../../pipeline/ports.js';
import type { FfmpegMedia } from '../media/ffmpegMedia.js';

/** Where Debian's pocketsphinx-en-us puts the acoustic model. */
export const POCKETSPHINX_EN_US_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';

/** Pocketsphinx's English speaking rate assumption for placing an utterance without a silence before it, words per second. */
const ASSUMED_WORDS_PER_SECOND = 2.5;

export class PocketsphinxTranscriber implements Transcriber {
  readonly engine = 'pocketsphinx' as const;
  readonly wordTimings = false;
  private readonly media: FfmpegMedia;
  private readonly modelDir: string;

  constructor(media: FfmpegMedia, modelDir = POCKETSPHINX_EN_US_MODEL) {
    this.media = media;
    this.modelDir = modelDir;
  }

  supports(language: Language): boolean {
    return language === 'en' && existsSync(this.modelDir);
  }

  async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
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
