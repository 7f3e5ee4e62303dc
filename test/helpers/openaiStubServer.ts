/**
 * A local stand-in for the OpenAI HTTP API on 127.0.0.1 (random port), speaking the real wire format,
 * for contract tests: each route answers from a script of replies (then its default), and every
 * request is recorded with its headers and raw body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAiConfigFromEnv } from '../../shared/adapters/openai/index.js';

/** One scripted answer. */
export interface StubReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string or Buffer is sent as is (malformed bodies, audio files). */
  readonly body?: unknown;
  /** Wait before answering, milliseconds (to trigger client timeouts). */
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Milliseconds since the stub started. */
  readonly at: number;
}

export interface OpenAiStub {
  /** Base URL including `/v1`, for `OPENAI_BASE_URL`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies for the next requests to `path` (e.g. '/v1/chat/completions'), in order. */
  script(path: string, replies: readonly StubReply[]): void;
  /** Reply once the script of `path` is used up. */
  setDefault(path: string, reply: StubReply): void;
  /** Computes the reply from the request once the script of `path` is used up (before the default). */
  respond(path: string, responder: (request: RecordedRequest) => StubReply | Promise<StubReply>): void;
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });

/** Starts the stub; close it in afterEach/afterAll. */
export async function startOpenAiStub(): Promise<OpenAiStub> {
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, StubReply[]>();
  const defaults = new Map<string, StubReply>();
  const responders = new Map<string, (request: RecordedRequest) => StubReply | Promise<StubReply>>();

  const answer = (response: ServerResponse, reply: StubReply): void => {
    if (response.destroyed) return;
    const raw = typeof reply.body === 'string' || Buffer.isBuffer(reply.body);
    const payload = reply.body === undefined ? '' : raw ? (reply.body as string | Buffer) : JSON.stringify(reply.body);
    response.writeHead(reply.status ?? 200, { 'content-type': Buffer.isBuffer(reply.body) ? 'audio/wav' : 'application/json', ...reply.headers });
    response.end(payload);
  };

  const server = createServer((request, response) => {
    response.on('error', () => undefined);
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      const recorded = { method: request.method ?? 'GET', path, headers, body, at: Date.now() - started };
      requests.push(recorded);
      const responder = responders.get(path);
      const reply = scripts.get(path)?.shift() ?? (responder ? await responder(recorded) : undefined) ?? defaults.get(path) ?? { status: 404, body: { error: { message: `no stub for ${path}`, type: 'invalid_request_error' } } };
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      answer(response, reply);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (path, replies) => scripts.set(path, [...(scripts.get(path) ?? []), ...replies]),
    setDefault: (path, reply) => defaults.set(path, reply),
    respond: (path, responder) => responders.set(path, responder),
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a recorded multipart request with the platform's own parser (Node's fetch Request). */
export async function formDataOf(request: RecordedRequest): Promise<FormData> {
  return new Request('http://stub.local/', { method: request.method, headers: request.headers, body: request.body }).formData();
}

/** A chat completion response carrying `content` as the assistant message. */
export function chatCompletion(content: string, usage = { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50 }): Record<string, unknown> {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
    usage,
  };
}

/** A Logger that keeps every line as JSON text, to assert what was (and was not) logged. */
export function recordingLogger(): { lines: string[]; logger: import('../../shared/pipeline/ports.js').Logger } {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(JSON.stringify({ level, message, ...fields }));
    };
  return { lines, logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') } };
}

/** OpenAI settings pointing at a stub, with short timeouts and retries so failure paths run fast. */
export function stubOpenAiConfig(baseUrl: string, apiKey: string, extra: Record<string, string> = {}): import('../../shared/adapters/openai/index.js').OpenAiConfig {
  const config = openAiConfigFromEnv({
    OPENAI_API_KEY: apiKey,
    OPENAI_BASE_URL: baseUrl,
    POSTSHOW_OPENAI_TIMEOUT_MS: '300',
    POSTSHOW_OPENAI_MAX_RETRIES: '2',
    POSTSHOW_OPENAI_RETRY_BASE_MS: '5',
    POSTSHOW_OPENAI_RETRY_MAX_MS: '20',
    ...extra,
  });
  if (!config) throw new Error('config expected');
  return config;
}
