/** What `/config.json` tells the page: where the API is and how to sign in (written by `postshow serve` or the stack). */
export interface CognitoAuth {
  readonly kind: 'cognito';
  /** Hosted UI origin, e.g. https://postshow-123.auth.eu-west-1.amazoncognito.com */
  readonly domain: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Path the hosted UI sends the browser back to with the code. */
  readonly redirectPath: string;
}

export interface SiteConfig {
  readonly apiBase: string;
  /** none: a loopback server; token: `postshow serve --token` (the login form sets a cookie); cognito: the cloud. */
  readonly auth: { readonly kind: 'none' } | { readonly kind: 'token' } | CognitoAuth;
}

export async function loadConfig(): Promise<SiteConfig> {
  // Same mode and credentials as index.html's preload of it, so the browser reuses that response.
  const response = await fetch('/config.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as SiteConfig;
}
