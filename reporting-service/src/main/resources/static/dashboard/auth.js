// Sign-in: OAuth2 authorization code with PKCE (S256) against the issuer reporting-service names in config.json.
// The access token lives in this module's memory only (never in storage): a reload signs in again, which the issuer's
// own session makes a quick round trip. Only the PKCE verifier and the state survive the redirect, in sessionStorage,
// and are removed as soon as the code is exchanged.
const PENDING = 'dashboard.pendingSignIn';
let token = null;
let user = null;
let config = null;

function randomText(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(bytes) {
  let text = '';
  bytes.forEach(b => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function redirectUri() {
  return location.origin + location.pathname;
}

/** Answers the access token, signing in first (which leaves the page) when there is none. */
export async function signIn() {
  config = await (await fetch('config.json')).json();
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (params.has('code') && pending && params.get('state') === pending.state) {
    sessionStorage.removeItem(PENDING);
    const answer = await fetch(config.issuer + '/oauth2/token', {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: pending.verifier})
    });
    if (!answer.ok) {
      throw new Error('登录失败：令牌端点返回 ' + answer.status);
    }
    token = (await answer.json()).access_token;
    user = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
    history.replaceState(null, '', redirectUri() + (pending.hash || ''));
    return token;
  }
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, hash: location.hash}));
  const authorize = new URL(config.issuer + '/oauth2/authorize');
  authorize.search = new URLSearchParams({response_type: 'code', client_id: config.clientId,
    redirect_uri: redirectUri(), scope: config.scope, state, code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256'}).toString();
  location.assign(authorize.toString());
  return new Promise(() => {});
}

export function accessToken() {
  return token;
}

export function userName() {
  return user;
}

/**
 * Forgets the token (leaving the page drops it) and goes to the issuer's sign-out page, whose own form ends the
 * issuer's session (a same-origin POST there; a cross-origin POST from this page is refused by the issuer).
 */
export function signOut() {
  token = null;
  user = null;
  location.assign(config.issuer + '/logout');
}
