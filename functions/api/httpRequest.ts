/**
 * The edge of the catalog API: an HTTP API v2 event parsed into what the routes read, query strings and
 * JSON bodies validated, and answers shaped. Nothing here knows a route.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { InputError } from '../../shared/core/errors.js';

/** The parts of an HTTP API v2 event the routes read; everything else (authorizer, cookies) is ignored. */
export const httpApiEventSchema = z.object({
  version: z.literal('2.0'),
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  // Payload 2.0 lower-cases header names.
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    http: z.object({ method: z.string() }),
    stage: z.string().optional(),
    requestId: z.string().optional(),
  }),
});
export type HttpApiRequest = z.infer<typeof httpApiEventSchema>;

/**
 * Largest request body, bytes: an edit with corrected captions for a 600 s clip is tens of KB; API Gateway
 * itself would take 10 MB, which the function has no reason to parse.
 */
export const MAX_BODY_BYTES = 256 * 1024;

const CLIP_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A request that ends with a status other than 2xx. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * The JSON body, validated by `schema`. An absent or empty body is `{}` (approve takes no fields). Too
 * large is 413, another content type 415, bytes that are not UTF-8 JSON or fields the schema refuses 400.
 */
export function readJsonBody<S extends z.ZodType>(request: HttpApiRequest, schema: S): z.infer<S> {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType.trim())) {
    throw new HttpError(415, `the body must be JSON (content-type application/json), not ${contentType.slice(0, 80)}`);
  }
  const raw = request.body ?? '';
  // API Gateway base64-encodes bodies it does not take for text; the limit applies to the decoded bytes.
  const bytes = request.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new HttpError(413, `the body is ${bytes.length} bytes; at most ${MAX_BODY_BYTES}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('the body is not UTF-8 text');
  }
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new InputError('the body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`invalid body: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Longest value each query parameter may have, characters. A search text or product name past these is not a
 * search anyone types, and every value is matched against every catalog entry, so the cost of a long one
 * multiplies; a cursor is an opaque token the API made itself (DynamoDB keys, base64url).
 */
export const QUERY_PARAM_MAX_CHARS: Readonly<Record<string, number>> = { text: 200, product: 120, cursor: 2048 };
/** Any other parameter (ids, numbers, enums, dates) is short. */
export const DEFAULT_QUERY_PARAM_MAX_CHARS = 128;
/** The whole query string: every parameter at its cap fits. */
const MAX_QUERY_STRING_CHARS = 8192;

/**
 * Parameters from the raw query string: the parsed `queryStringParameters` joins repeated names with commas,
 * which would be indistinguishable from a value with a comma.
 */
export function parseQueryString(raw: string): Map<string, string> {
  if (raw.length > MAX_QUERY_STRING_CHARS) throw new InputError(`query string is longer than ${MAX_QUERY_STRING_CHARS} characters`);
  const query = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw)) {
    const shownName = JSON.stringify(name.slice(0, 40));
    if (name.length > 40) throw new InputError(`query parameter name ${shownName}… is longer than 40 characters`);
    const cap = QUERY_PARAM_MAX_CHARS[name] ?? DEFAULT_QUERY_PARAM_MAX_CHARS;
    if (value.length > cap) throw new InputError(`query parameter ${name} is longer than ${cap} characters (${value.length})`);
    if (query.has(name)) throw new InputError(`query parameter ${name} is given more than once`);
    query.set(name, value);
  }
  return query;
}

export function rejectUnknownParams(query: Map<string, string>, allowed: readonly string[]): void {
  const unknown = [...query.keys()].filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return;
  const hint = allowed.length > 0 ? ` (known: ${allowed.join(', ')})` : ' (this route takes none)';
  throw new InputError(`unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}${hint}`);
}

export function parseNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!NUMBER_PATTERN.test(raw.trim()) || !Number.isFinite(value)) throw new InputError(`${name}: ${JSON.stringify(raw.slice(0, 40))} is not a number`);
  return value;
}

/** `true` or `false`, as a query parameter. */
export function parseBoolean(name: string, raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InputError(`${name}: must be true or false, not ${JSON.stringify(raw.slice(0, 40))}`);
}

export function parseClipId(raw: string): string {
  // Dots alone would be a relative segment in the clip's storage keys.
  if (!CLIP_ID_PATTERN.test(raw) || /^\.+$/.test(raw)) {
    throw new InputError(`clip id ${JSON.stringify(raw.slice(0, 80))} may only contain letters, digits, ".", "_" and "-"`);
  }
  return raw;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    // Presigned URLs and statuses go stale: never let a cache keep them.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
