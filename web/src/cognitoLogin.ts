/**
 * Sign-in through the Cognito hosted UI: authorization code with PKCE (no client secret in a page), the access
 * token kept in sessionStorage for this tab only. The API's JWT authorizer checks it; the page only forwards it.
 */
import type { CognitoAuth } from './config.js';

const TOKEN_KEY = 'postshow.accessToken';
const VERIFIER_KEY = 'postshow.pkceVerifier';
const RETURN_KEY = 'postshow.returnTo';

interface StoredToken {
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** The current access token, or undefined when the user must sign in. */
export function storedAccessToken(): string | undefined {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (raw === null) return undefined;
  try {
    const token = JSON.parse(raw) as StoredToken;
    // A minute's margin: a token that expires in flight would fail the request anyway.
    return token.expiresAt - 60_000 > Date.now() ? token.accessToken : undefined;
  } catch {
    return undefined;
  }
}

/** Set once a redirect to the hosted UI is under way: the page's parallel requests must not start a second one. */
let signingIn = false;

/** Sends the browser to the hosted UI; it comes back to `redirectPath` with a code. */
export async function startSignIn(auth: CognitoAuth): Promise<void> {
  if (signingIn) return;
  signingIn = true;
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  sessionStorage.setItem(RETURN_KEY, location.pathname + location.search);
  const url = new URL(endpoint(auth, 'authorize'));
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: location.origin + auth.redirectPath,
    scope: auth.scopes.join(' '),
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
}

/** On the redirect path: trades the code for tokens, then returns to where sign-in started. */
export async function finishSignIn(auth: CognitoAuth): Promise<string> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  if (code === null || verifier === null) throw new Error('sign-in did not complete: no code or verifier; try again');
  const response = await fetch(endpoint(auth, 'token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: location.origin + auth.redirectPath, code_verifier: verifier }),
  });
  if (!response.ok) throw new Error(`sign-in failed: the token endpoint answered ${response.status}`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  const token: StoredToken = { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  sessionStorage.removeItem(VERIFIER_KEY);
  const returnTo = sessionStorage.getItem(RETURN_KEY) ?? '/';
  sessionStorage.removeItem(RETURN_KEY);
  return returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}

/** `<domain>/oauth2/<name>`, keeping any path the domain URL has. */
function endpoint(auth: CognitoAuth, name: 'authorize' | 'token'): string {
  return `${auth.domain.replace(/\/+$/, '')}/oauth2/${name}`;
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
