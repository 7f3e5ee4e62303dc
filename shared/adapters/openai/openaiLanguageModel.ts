/**
 * Structured JSON answers from OpenAI's chat completions (or a compatible server) with strict
 * JSON-schema output, validated again with the caller's zod schema, cached, budgeted and rate-bounded.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { LanguageModel, LanguageModelRequest } from '../../pipeline/ports.js';
import { cacheKeyOf, sha256Hex, stableStringify } from '../providers/responseCache.js';
import { OpenAiCaller, type OpenAiCallOptions } from './openaiClient.js';
import { MalformedAnswerError } from './openaiErrors.js';
import { dropNullsForOptional, toStrictJsonSchema, type StrictJsonSchema } from './strictJsonSchema.js';
import { systemMessageFor, userMessageFor } from './untrustedData.js';

/** A malformed answer is asked for once more, then the error goes to the caller (and its fallback). */
const ANSWER_ATTEMPTS = 2;
/** Rough characters per token, to charge the budget when a compatible server reports no usage. */
const CHARS_PER_TOKEN = 4;

export type OpenAiLanguageModelOptions = OpenAiCallOptions;

/** LanguageModel over `POST /chat/completions` with `response_format: json_schema` (strict). */
export class OpenAiLanguageModel extends OpenAiCaller implements LanguageModel {
  readonly name: string;

  constructor(options: OpenAiLanguageModelOptions) {
    super(options);
    this.name = `openai:${options.config.model}`;
  }

  async complete<T>(request: LanguageModelRequest<T>): Promise<T> {
    const strict = toStrictJsonSchema(request.schema);
    const system = systemMessageFor(request.instructions);
    const user = userMessageFor(request.data);
    const cacheHash = cacheKeyOf({
      provider: 'openai',
      endpoint: this.config.baseUrl,
      model: this.config.model,
      task: request.task,
      instructions: request.instructions,
      schema: stableStringify(strict.schema),
      data: sha256Hex(stableStringify(request.data ?? null)),
      maxOutputTokens: String(request.maxOutputTokens ?? ''),
    });

    const cached = await this.cache?.get(cacheHash);
    if (cached !== undefined) {
      const parsed = request.schema.safeParse(cached);
      if (parsed.success) {
        this.logger?.debug('language model answer from cache', { model: this.name, task: request.task });
        return parsed.data;
      }
    }

    const body = this.requestBody(request, strict, system, user);
    let lastError: MalformedAnswerError | undefined;
    for (let attempt = 1; attempt <= ANSWER_ATTEMPTS; attempt += 1) {
      this.budget?.ensureAvailable(`${this.name} ${request.task}`);
      try {
        // A body that is not JSON at all surfaces from send() as a MalformedAnswerError too.
        const completion = await this.send(body, request.task, request.signal);
        this.chargeBudget(completion, system, user, request.task);
        const { answer, raw } = parseAnswer(completion, strict, request, `${this.name} ${request.task}`);
        await this.cache?.put(cacheHash, raw);
        return answer;
      } catch (error) {
        if (!(error instanceof MalformedAnswerError)) throw error;
        lastError = error;
        this.logger?.warn('language model answer rejected', { model: this.name, task: request.task, attempt, reason: error.message });
      }
    }
    throw lastError ?? new MalformedAnswerError(`${this.name} ${request.task}: no answer`);
  }

  private requestBody<T>(request: LanguageModelRequest<T>, strict: StrictJsonSchema, system: string, user: string): ChatCompletionCreateParamsNonStreaming {
    const maxTokens =
      request.maxOutputTokens === undefined
        ? {}
        : // OpenAI deprecated max_tokens for newer models; compatible servers (vLLM, llama.cpp, Ollama) reliably know only max_tokens.
          this.config.compatibleServer
          ? { max_tokens: request.maxOutputTokens }
          : { max_completion_tokens: request.maxOutputTokens };
    return {
      model: this.config.model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: schemaNameFor(request.task), strict: true, schema: strict.schema },
      },
      ...maxTokens,
    };
  }

  /** One logical request: bounded by the concurrency limit per attempt, retried on transient failures. */
  private send(body: ChatCompletionCreateParamsNonStreaming, task: string, signal: AbortSignal | undefined): Promise<ChatCompletion> {
    return this.request(
      `openai chat ${this.config.model} (${task})`,
      this.config.chatTimeoutMs,
      (options) => this.client.chat.completions.create(body, options),
      { model: this.name, task },
      signal,
    );
  }

  private chargeBudget(completion: ChatCompletion, system: string, user: string, task: string): void {
    const reported = completion.usage?.total_tokens;
    const content = completion.choices?.[0]?.message?.content ?? '';
    const tokens = typeof reported === 'number' ? reported : Math.ceil((system.length + user.length + content.length) / CHARS_PER_TOKEN);
    this.budget?.record(tokens);
    this.logger?.debug('language model tokens', { model: this.name, task, tokens, estimated: typeof reported !== 'number', spent: this.budget?.spent });
  }
}

/** OpenAI requires schema names matching ^[a-zA-Z0-9_-]{1,64}$. */
function schemaNameFor(task: string): string {
  const name = task.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return name.length > 0 ? name : 'answer';
}

/** The validated answer and the raw JSON value (what the cache stores). */
function parseAnswer<T>(completion: ChatCompletion, strict: StrictJsonSchema, request: LanguageModelRequest<T>, what: string): { answer: T; raw: unknown } {
  const choice = completion.choices?.[0];
  if (!choice) throw new MalformedAnswerError(`${what}: the response has no choices`);
  const message = choice.message;
  if (message?.refusal) throw new MalformedAnswerError(`${what}: the model refused (${message.refusal.slice(0, 120)})`);
  if (choice.finish_reason === 'length') throw new MalformedAnswerError(`${what}: the answer was cut off at the output token limit`);
  const content = message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new MalformedAnswerError(`${what}: the answer is empty`);
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new MalformedAnswerError(`${what}: the answer is not valid JSON`);
  }
  const raw = dropNullsForOptional(json, strict);
  const parsed = request.schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new MalformedAnswerError(`${what}: the answer does not match the schema (${issues})`);
  }
  return { answer: parsed.data, raw };
}
