/**
 * Contract tests of OpenAiTranscriber against a local server speaking OpenAI's wire format.
 * They prove our side of the wire (what we send, how we read answers, retries, timeouts, fallback,
 * budget, cache, key hygiene), not OpenAI's: the stub answers what the API documentation says it answers.
 */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../shared/core/errors.js';
import { AudioTooLargeError, ChunkReadError, OpenAiRequestError, OpenAiTranscriber, type OpenAiConfig } from '../../shared/adapters/openai/index.js';
import { ResponseCache, TokenBudget, transcriberWithFallback, type FallbackReport } from '../../shared/adapters/providers/index.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import type { Transcriber, TranscribeRequest } from '../../shared/pipeline/ports.js';
import { formDataOf, recordingLogger, startOpenAiStub, type OpenAiStub, stubOpenAiConfig } from '../helpers/openaiStubServer.js';

const API_KEY = 'sk-test-CONTRACT-transcribe-0123456789abcdef';
const ROUTE = '/v1/audio/transcriptions';

/** 0.25 s of 16 kHz mono 16-bit PCM WAV with a ramp, so the bytes are recognisable. */
function wavBytes(): Buffer {
  const samples = 4000;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) data.writeInt16LE((i * 37) % 30000, i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const verboseAnswer = {
  task: 'transcribe',
  language: 'english',
  duration: 6,
  text: 'Hello everyone. The serum is on sale.',
  segments: [
    { id: 0, seek: 0, start: 0.0, end: 2.0, text: ' Hello everyone.', tokens: [1], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 },
    { id: 1, seek: 0, start: 2.4, end: 5.1, text: ' The serum is on sale.', tokens: [2], temperature: 0, avg_logprob: -0.3, compression_ratio: 1, no_speech_prob: 0.02 },
    // Whisper's hallucination signature (likely silence, low confidence): must be dropped.
    { id: 2, seek: 0, start: 5.2, end: 6.0, text: ' Thanks for watching!', tokens: [3], temperature: 0, avg_logprob: -1.4, compression_ratio: 1, no_speech_prob: 0.9 },
  ],
  words: [
    { word: 'Hello', start: 0.0, end: 0.6 },
    { word: 'everyone.', start: 0.7, end: 1.9 },
    { word: 'The', start: 2.4, end: 2.6 },
    { word: 'serum', start: 2.6, end: 3.1 },
    { word: 'is', start: 3.2, end: 3.4 },
    { word: 'on', start: 3.4, end: 3.6 },
    { word: 'sale.', start: 3.7, end: 5.1 },
  ],
  usage: { type: 'duration', seconds: 6 },
};

let stub: OpenAiStub;
let dir: string;
let chunkPath: string;

beforeEach(async () => {
  stub = await startOpenAiStub();
  dir = await mkdtemp(path.join(tmpdir(), 'postshow-openai-asr-'));
  chunkPath = path.join(dir, 'chunk-3.wav');
  await writeFile(chunkPath, wavBytes());
});

afterEach(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

function configFor(extra: Record<string, string> = {}): OpenAiConfig {
  return stubOpenAiConfig(stub.baseUrl, API_KEY, extra);
}

const request = (overrides: Partial<TranscribeRequest> = {}): TranscribeRequest => ({
  location: chunkPath,
  offset: 120,
  duration: 6,
  language: 'en',
  silences: [],
  ...overrides,
});

/** An offline engine as the pipeline would supply it: a fixed, recognisable answer on the recording clock. */
const offlineTranscriber: Transcriber = {
  engine: 'pocketsphinx',
  wordTimings: false,
  supports: (language) => language === 'en',
  transcribe: async (req) => ({ engine: 'pocketsphinx', segments: [{ start: req.offset, end: req.offset + 1, text: 'offline words' }] }),
};

describe('OpenAiTranscriber wire contract', () => {
  it('uploads the chunk as multipart with the documented fields and maps segments and words onto the recording clock', async () => {
    stub.script(ROUTE, [{ body: verboseAnswer }]);
    const transcriber = new OpenAiTranscriber({ config: configFor() });
    const result = await transcriber.transcribe(request());

    const [sent] = stub.requestsTo(ROUTE);
    expect(sent?.method).toBe('POST');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formDataOf(sent!);
    expect(form.get('model')).toBe('whisper-1');
    expect(form.get('response_format')).toBe('verbose_json');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
    expect(form.get('language')).toBe('en');
    const file = form.get('file') as File;
    expect(file.name).toBe('chunk-3.wav');
    expect(Buffer.from(await file.arrayBuffer()).equals(wavBytes())).toBe(true);

    expect(result.engine).toBe('openai');
    expect(result.model).toBe('whisper-1');
    expect(result.language).toBe('en');
    expect(result.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [120, 122, 'Hello everyone.'],
      [122.4, 125.1, 'The serum is on sale.'],
    ]);
    expect(result.segments[0]?.words?.map((w) => [w.text, w.start, w.end])).toEqual([
      ['Hello', 120, 120.6],
      ['everyone.', 120.7, 121.9],
    ]);
    expect(result.segments[1]?.words?.map((w) => w.text)).toEqual(['The', 'serum', 'is', 'on', 'sale.']);
    expect(result.segments[1]?.words?.[0]?.start).toBe(122.4);
    expect(transcriber.wordTimings).toBe(true);
  });

  it('maps the reported language name (chinese -> zh) and asks for zh', async () => {
    stub.script(ROUTE, [{ body: { ...verboseAnswer, language: 'chinese', text: '大家好', segments: [{ start: 0, end: 1, text: '大家好' }], words: [] } }]);
    const result = await new OpenAiTranscriber({ config: configFor() }).transcribe(request({ language: 'zh', offset: 0 }));
    expect((await formDataOf(stub.requestsTo(ROUTE)[0]!)).get('language')).toBe('zh');
    expect(result.language).toBe('zh');
    expect(result.segments).toEqual([{ start: 0, end: 1, text: '大家好' }]);
  });

  it('sends json without timestamp granularities for a text-only model and returns one segment spanning the chunk', async () => {
    stub.script(ROUTE, [{ body: { text: 'Hello everyone.', usage: { type: 'tokens', input_tokens: 30, output_tokens: 5, total_tokens: 35 } } }]);
    const budget = new TokenBudget(1000);
    const transcriber = new OpenAiTranscriber({ config: configFor({ POSTSHOW_OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe' }), budget });
    const result = await transcriber.transcribe(request());
    const form = await formDataOf(stub.requestsTo(ROUTE)[0]!);
    expect(form.get('model')).toBe('gpt-4o-mini-transcribe');
    expect(form.get('response_format')).toBe('json');
    expect(form.getAll('timestamp_granularities[]')).toEqual([]);
    expect(transcriber.wordTimings).toBe(false);
    expect(result.segments).toEqual([{ start: 120, end: 126, text: 'Hello everyone.' }]);
    expect(result.model).toBe('gpt-4o-mini-transcribe');
    expect(budget.spent).toBe(35);
  });

  it('honours retry-after-ms on 429, then succeeds', async () => {
    stub.script(ROUTE, [{ status: 429, headers: { 'retry-after-ms': '150' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } }, { body: verboseAnswer }]);
    const { lines, logger } = recordingLogger();
    const result = await new OpenAiTranscriber({ config: configFor(), logger }).transcribe(request());
    const [first, second] = stub.requestsTo(ROUTE);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(140);
    expect(result.segments).toHaveLength(2);
    expect(lines.some((line) => line.includes('"serverRequested":true') && line.includes('HTTP 429'))).toBe(true);
  });

  it('honours retry-after in seconds on 429', async () => {
    stub.script(ROUTE, [{ status: 429, headers: { 'retry-after': '0.2' }, body: { error: { message: 'slow down' } } }, { body: verboseAnswer }]);
    await new OpenAiTranscriber({ config: configFor() }).transcribe(request());
    const [first, second] = stub.requestsTo(ROUTE);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(190);
  });

  it('retries a 500 and succeeds', async () => {
    stub.script(ROUTE, [{ status: 500, body: { error: { message: 'The server had an error', type: 'server_error' } } }, { body: verboseAnswer }]);
    const result = await new OpenAiTranscriber({ config: configFor() }).transcribe(request());
    expect(stub.requestsTo(ROUTE)).toHaveLength(2);
    // The retry uploads the whole file again.
    const retried = (await formDataOf(stub.requestsTo(ROUTE)[1]!)).get('file') as File;
    expect(Buffer.from(await retried.arrayBuffer()).equals(wavBytes())).toBe(true);
    expect(result.segments[0]?.text).toBe('Hello everyone.');
  });

  it('gives up after the configured retries on a slow server, and the fallback answers and is reported', async () => {
    stub.setDefault(ROUTE, { delayMs: 700, body: verboseAnswer });
    const reports: FallbackReport[] = [];
    const primary = new OpenAiTranscriber({ config: configFor({ POSTSHOW_OPENAI_TIMEOUT_MS: '150', POSTSHOW_OPENAI_MAX_RETRIES: '1' }) });
    await expect(primary.transcribe(request())).rejects.toThrow(/timed out after 150 ms/);
    expect(stub.requestsTo(ROUTE)).toHaveLength(2);

    const wrapped = transcriberWithFallback(primary, offlineTranscriber, (report) => reports.push(report));
    const result = await wrapped.transcribe(request());
    expect(result.engine).toBe('pocketsphinx');
    expect(result.segments).toEqual([{ start: 120, end: 121, text: 'offline words' }]);
    expect(reports).toEqual([{ from: 'openai', to: 'pocketsphinx', reason: expect.stringMatching(/timed out/) }]);
    expect(wrapped.wordTimings).toBe(false);
  });

  it('falls back without any request once the token budget is spent', async () => {
    const reports: FallbackReport[] = [];
    const primary = new OpenAiTranscriber({ config: configFor(), budget: new TokenBudget(100, 100) });
    const result = await transcriberWithFallback(primary, offlineTranscriber, (report) => reports.push(report)).transcribe(request());
    expect(stub.requests).toHaveLength(0);
    expect(result.engine).toBe('pocketsphinx');
    expect(reports[0]?.reason).toMatch(/token budget exceeded/);
  });

  it('answers an identical chunk from the cache without a request, on the new offset', async () => {
    stub.script(ROUTE, [{ body: verboseAnswer }]);
    const storage = new FsStorage(path.join(dir, 'store'));
    const transcriber = new OpenAiTranscriber({ config: configFor(), cache: new ResponseCache(storage, 'openai') });
    const first = await transcriber.transcribe(request());
    const again = await transcriber.transcribe(request({ offset: 300 }));
    expect(stub.requestsTo(ROUTE)).toHaveLength(1);
    expect(again.segments.map((s) => s.start)).toEqual(first.segments.map((s) => s.start + 180));
    const keys = await storage.list('cache/openai/');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^cache\/openai\/[0-9a-f]{64}\.json$/);
    expect((await storage.get(keys[0]!)).toString()).not.toContain(API_KEY);
  });

  it('rejects a chunk over 25 MB with a permanent error before any request', async () => {
    const big = path.join(dir, 'huge.wav');
    await writeFile(big, '');
    await truncate(big, 26 * 1024 * 1024);
    const error = await new OpenAiTranscriber({ config: configFor() }).transcribe(request({ location: big })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioTooLargeError);
    expect(isPermanent(error)).toBe(true);
    expect((error as Error).message).toMatch(/huge\.wav is 26\.0 MB, over OpenAI's 25 MB upload limit/);
    expect(stub.requests).toHaveLength(0);
  });

  it('fetches a chunk from an http URL (a presigned URL) and keeps its query out of errors', async () => {
    stub.script('/bucket/chunk-7.wav', [{ body: wavBytes() }, { status: 403, body: 'expired' }]);
    stub.script(ROUTE, [{ body: verboseAnswer }]);
    const transcriber = new OpenAiTranscriber({ config: configFor() });
    const origin = stub.baseUrl.replace(/\/v1$/, '');
    const url = `${origin}/bucket/chunk-7.wav?X-Amz-Signature=SIGNATURE-SECRET`;
    await transcriber.transcribe(request({ location: url }));
    const file = (await formDataOf(stub.requestsTo(ROUTE)[0]!)).get('file') as File;
    expect(file.name).toBe('chunk-7.wav');
    expect(Buffer.from(await file.arrayBuffer()).equals(wavBytes())).toBe(true);

    const error = await transcriber.transcribe(request({ location: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChunkReadError);
    expect((error as Error).message).toContain('HTTP 403');
    expect((error as Error).message).not.toContain('SIGNATURE-SECRET');
  });

  it('keeps the API key out of errors and logs, even when the server echoes it', async () => {
    stub.script(ROUTE, [
      { status: 500, body: { error: { message: `internal error for key ${API_KEY}` } } },
      { status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } },
    ]);
    const { lines, logger } = recordingLogger();
    const error = await new OpenAiTranscriber({ config: configFor(), logger }).transcribe(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAiRequestError);
    expect((error as OpenAiRequestError).status).toBe(401);
    expect(isPermanent(error)).toBe(true);
    expect((error as Error).message).toContain('Incorrect API key provided');
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...lines, (error as Error).message, String((error as Error).stack), JSON.stringify(error)]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('CONTRACT-transcribe');
    }
  });
});
