/**
 * Wraps a paid provider with an offline one: when the primary gives up (retries exhausted, budget
 * spent, key rejected), the fallback answers and the switch is reported so the pipeline can record
 * which engine really produced each output.
 */
import { reasonOf } from '../../core/errors.js';
import type { ChunkTranscript, LanguageModel, LanguageModelRequest, Transcriber, TranscribeRequest } from '../../pipeline/ports.js';

/** One switch from the primary to the fallback. */
export interface FallbackReport {
  /** Engine or model name of the primary, e.g. 'openai' or 'openai:gpt-4o-mini'. */
  readonly from: string;
  /** Engine or model name of the fallback. */
  readonly to: string;
  /** One-line reason the primary failed. */
  readonly reason: string;
  /** The language-model task, when the switch happened for one. */
  readonly task?: string;
}

/** Receives fallback reports; a throwing listener never breaks the call. */
export type FallbackListener = (report: FallbackReport) => void;

const report = (listener: FallbackListener, fallbackReport: FallbackReport): void => {
  try {
    listener(fallbackReport);
  } catch {
    // Reporting is best effort: the transcript or answer matters more than the note about it.
  }
};

/**
 * A Transcriber that tries `primary` and, when it throws, `fallback` (whose engine the returned
 * transcript then carries). When the fallback cannot handle the language, the primary's error is rethrown.
 */
export function transcriberWithFallback(primary: Transcriber, fallback: Transcriber, onFallback: FallbackListener): Transcriber {
  return {
    engine: primary.engine,
    // Chunks are planned (overlapping or not) before anyone knows which engine will hear them: overlap
    // only when both time words, or a fallen-back chunk would add half-heard utterances at its seams.
    wordTimings: primary.wordTimings && fallback.wordTimings,
    supports: (language) => primary.supports(language) || fallback.supports(language),
    async detectLanguage(location: string, options?: { signal?: AbortSignal }) {
      const heard = await primary.detectLanguage?.(location, options).catch((error: unknown) => {
        if (options?.signal?.aborted) throw error;
        return undefined;
      });
      return heard ?? fallback.detectLanguage?.(location, options);
    },
    async transcribe(request: TranscribeRequest): Promise<ChunkTranscript> {
      if (!primary.supports(request.language)) {
        report(onFallback, { from: primary.engine, to: fallback.engine, reason: `${primary.engine} does not support ${request.language}` });
        return fallback.transcribe(request);
      }
      try {
        return await primary.transcribe(request);
      } catch (error) {
        // A stopped invocation stops here too: the fallback would only be stopped in turn.
        if (request.signal?.aborted || !fallback.supports(request.language)) throw error;
        report(onFallback, { from: primary.engine, to: fallback.engine, reason: reasonOf(error) });
        return fallback.transcribe(request);
      }
    },
  };
}

/** A LanguageModel that tries `primary` and, when it throws, the caller's offline `fallback`. */
export function languageModelWithFallback(primary: LanguageModel, fallback: LanguageModel, onFallback: FallbackListener): LanguageModel {
  return {
    name: primary.name,
    async complete<T>(request: LanguageModelRequest<T>): Promise<T> {
      try {
        return await primary.complete(request);
      } catch (error) {
        if (request.signal?.aborted) throw error;
        report(onFallback, { from: primary.name, to: fallback.name, reason: reasonOf(error), task: request.task });
        return fallback.complete(request);
      }
    },
  };
}
