/**
 * The page's one way to the catalog API (the same contract locally and in the cloud). 401 sends the user to
 * sign in; other errors surface the API's own `{ error }` sentence.
 */
import { startSignIn, storedAccessToken } from './cognitoLogin.js';
import type { SiteConfig } from './config.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let config: SiteConfig = { apiBase: '/api', auth: { kind: 'none' } };

export function configureApi(next: SiteConfig): void {
  config = next;
}

export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (config.auth.kind === 'cognito') {
    const token = storedAccessToken();
    if (token === undefined) {
      await startSignIn(config.auth);
      throw new ApiError(401, 'signing in…');
    }
    headers.authorization = `Bearer ${token}`;
  }
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(config.apiBase + path, {
    method: init.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  if (response.status === 401) {
    if (config.auth.kind === 'cognito') await startSignIn(config.auth);
    else if (config.auth.kind === 'token') location.assign('/login');
    throw new ApiError(401, 'sign in to see the workspace');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, `the API answered ${response.status} with something that is not JSON`);
  }
  if (!response.ok) throw new ApiError(response.status, (body as { error?: string; message?: string } | undefined)?.error ?? (body as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`);
  return body as T;
}

/** A query string from the set values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
