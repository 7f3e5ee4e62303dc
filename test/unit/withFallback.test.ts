import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../shared/core/errors.js';
import { languageModelWithFallback, transcriberWithFallback, type FallbackReport } from '../../shared/adapters/providers/withFallback.js';
import type { LanguageModel, Transcriber, TranscribeRequest } from '../../shared/pipeline/ports.js';

const request: TranscribeRequest = { location: '/tmp/x.wav', offset: 10, duration: 5, language: 'en', silences: [] };

const engine = (name: 'openai' | 'pocketsphinx', behaviour: { fails?: Error; languages?: readonly string[]; wordTimings?: boolean }): Transcriber & { calls: number } => {
  const transcriber = {
    engine: name,
    wordTimings: behaviour.wordTimings ?? false,
    calls: 0,
    supports: (language: string) => (behaviour.languages ?? ['en', 'zh']).includes(language),
    async transcribe(req: TranscribeRequest) {
      transcriber.calls += 1;
      if (behaviour.fails) throw behaviour.fails;
      return { engine: name, segments: [{ start: req.offset, end: req.offset + 1, text: name }] };
    },
  };
  return transcriber;
};

describe('transcriberWithFallback', () => {
  it('returns the primary result and never touches the fallback when the primary succeeds', async () => {
    const fallback = engine('pocketsphinx', {});
    const reports: FallbackReport[] = [];
    const result = await transcriberWithFallback(engine('openai', {}), fallback, (r) => reports.push(r)).transcribe(request);
    expect(result.engine).toBe('openai');
    expect(fallback.calls).toBe(0);
    expect(reports).toEqual([]);
  });

  it('uses the fallback when the primary throws, reports it, and the transcript carries the fallback engine', async () => {
    const reports: FallbackReport[] = [];
    const wrapped = transcriberWithFallback(engine('openai', { fails: new Error('HTTP 429 quota\nmore') }), engine('pocketsphinx', {}), (r) => reports.push(r));
    const result = await wrapped.transcribe(request);
    expect(result.engine).toBe('pocketsphinx');
    expect(reports).toEqual([{ from: 'openai', to: 'pocketsphinx', reason: 'HTTP 429 quota' }]);
  });

  it('rethrows the primary error when the fallback cannot handle the language', async () => {
    const failure = new InputError('bad chunk');
    const wrapped = transcriberWithFallback(engine('openai', { fails: failure }), engine('pocketsphinx', { languages: ['en'] }), () => {});
    await expect(wrapped.transcribe({ ...request, language: 'zh' })).rejects.toBe(failure);
    expect(wrapped.supports('zh')).toBe(true);
  });

  it('survives a throwing listener and only claims word timings when both engines have them', async () => {
    const wrapped = transcriberWithFallback(engine('openai', { fails: new Error('x'), wordTimings: true }), engine('pocketsphinx', {}), () => {
      throw new Error('listener broke');
    });
    expect((await wrapped.transcribe(request)).engine).toBe('pocketsphinx');
    expect(wrapped.wordTimings).toBe(false);
    expect(wrapped.engine).toBe('openai');
  });

  it('asks the fallback for the language when the primary is unsure or fails, but passes a stop on', async () => {
    const listening = (name: 'openai' | 'pocketsphinx', heard: () => Promise<'en' | 'zh' | undefined>) => ({ ...engine(name, {}), detectLanguage: heard });
    const fallback = listening('pocketsphinx', async () => 'zh');
    const failing = transcriberWithFallback(listening('openai', () => Promise.reject(new Error('HTTP 500'))), fallback, () => {});
    expect(await failing.detectLanguage?.('/tmp/x.wav')).toBe('zh');

    // A stopped stage must not settle for "unsure": the audio stage would store its default language as done.
    const stop = new AbortController();
    const stopped = new Error('stopped');
    stop.abort(stopped);
    const aborted = transcriberWithFallback(listening('openai', () => Promise.reject(stopped)), fallback, () => {});
    await expect(aborted.detectLanguage?.('/tmp/x.wav', { signal: stop.signal })).rejects.toBe(stopped);
  });
});

describe('languageModelWithFallback', () => {
  const schema = z.object({ answer: z.string() });
  const model = (name: string, outcome: string | Error): LanguageModel => ({
    name,
    complete: async <T>(req: { schema: z.ZodType<T> }) => {
      if (outcome instanceof Error) throw outcome;
      return req.schema.parse({ answer: outcome });
    },
  });

  it('passes the primary answer through, or the fallback answer with a report naming the task', async () => {
    const reports: FallbackReport[] = [];
    const request = { task: 'topics', instructions: 'i', data: {}, schema };
    expect(await languageModelWithFallback(model('openai:m', 'remote'), model('offline', 'local'), (r) => reports.push(r)).complete(request)).toEqual({ answer: 'remote' });
    expect(reports).toEqual([]);
    const wrapped = languageModelWithFallback(model('openai:m', new Error('timed out')), model('offline', 'local'), (r) => reports.push(r));
    expect(wrapped.name).toBe('openai:m');
    expect(await wrapped.complete(request)).toEqual({ answer: 'local' });
    expect(reports).toEqual([{ from: 'openai:m', to: 'offline', reason: 'timed out', task: 'topics' }]);
  });
});
