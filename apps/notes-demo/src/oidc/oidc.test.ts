import { describe, expect, it } from 'vitest';
import { authorizationUrl, newPendingSignIn, type PendingSignIn } from './begin-sign-in.js';
import { checkIdToken, readCallback } from './complete-sign-in.js';
import { issuerOf, parseDiscovery } from './discover-issuer.js';
import { base64url, fromBase64url, pkceChallenge } from './pkce.js';

const issuer = 'https://ward.example.com/oidc';
const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: `${issuer}/token`,
  userinfo_endpoint: `${issuer}/me`,
  code_challenge_methods_supported: ['S256'],
};
const pending: PendingSignIn = { state: 'state-1', nonce: 'nonce-1', verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', redirectUri: 'http://127.0.0.1:5180/callback' };

const jwt = (claims: Record<string, unknown>): string => `${base64url(new TextEncoder().encode('{"alg":"RS256"}'))}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.c2ln`;

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character verifiers, states and nonces, each fresh', () => {
    const a = newPendingSignIn('http://127.0.0.1:5180');
    const b = newPendingSignIn('http://127.0.0.1:5180');
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(new Set([a.state, a.nonce, a.verifier, b.state, b.nonce, b.verifier]).size).toBe(6);
    expect(a.redirectUri).toBe('http://127.0.0.1:5180/callback');
  });

  it('round-trips base64url and refuses what is not', () => {
    const bytes = Uint8Array.from([0, 250, 251, 255, 62, 63]);
    expect(fromBase64url(base64url(bytes))).toEqual(bytes);
    expect(fromBase64url('a+b/')).toBeUndefined();
    expect(fromBase64url('abcde')).toBeUndefined();
  });
});

describe('discovery', () => {
  it('takes the endpoints of the expected issuer', () => {
    expect(issuerOf('https://ward.example.com/')).toBe(issuer);
    expect(parseDiscovery(issuer, discovery)).toEqual({ issuer, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, userinfoEndpoint: `${issuer}/me` });
  });

  it.each([
    [null, 'not a JSON object'],
    [{ ...discovery, issuer: 'https://evil.example.com/oidc' }, 'issuer'],
    [{ ...discovery, token_endpoint: 'https://evil.example.com/token' }, 'token_endpoint is not on'],
    [{ ...discovery, token_endpoint: 'not a url' }, 'not a URL'],
    [{ ...discovery, userinfo_endpoint: undefined }, 'userinfo_endpoint is missing'],
    [{ ...discovery, code_challenge_methods_supported: ['plain'] }, 'S256'],
  ])('refuses a tampered document %#', (doc, problem) => {
    expect(() => parseDiscovery(issuer, doc)).toThrow(problem);
  });
});

describe('the authorization request and its answer', () => {
  it('asks for a code with PKCE S256, state and nonce', async () => {
    const url = new URL(await authorizationUrl(parseDiscovery(issuer, discovery), 'client-1', pending));
    expect(url.origin + url.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: pending.redirectUri,
      scope: 'openid profile email',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('takes the code only with this tab\'s state', () => {
    const at = (query: string) => new URL(`http://127.0.0.1:5180/callback?${query}`);
    expect(readCallback(at('code=abc&state=state-1'), pending)).toEqual({ ok: true, code: 'abc' });
    expect(readCallback(at('code=abc&state=other'), pending)).toMatchObject({ ok: false, problem: expect.stringContaining('does not belong') });
    expect(readCallback(at('code=abc'), pending).ok).toBe(false);
    expect(readCallback(at('code=abc&state=state-1'), undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('No sign-in') });
    expect(readCallback(at('state=state-1'), pending)).toMatchObject({ ok: false, problem: expect.stringContaining('no code') });
    expect(readCallback(at(`code=${'a'.repeat(3000)}&state=state-1`), pending).ok).toBe(false);
    const denied = readCallback(at(`error=access_denied&error_description=${'x'.repeat(5000)}&state=state-1`), pending);
    expect(denied).toMatchObject({ ok: false, problem: expect.stringContaining('access_denied') });
    if (!denied.ok) expect(denied.problem.length).toBeLessThan(500);
  });
});

describe('checkIdToken', () => {
  const expected = { issuer, clientId: 'client-1', nonce: 'nonce-1', nowSeconds: 1_000 };
  const good = { iss: issuer, aud: 'client-1', nonce: 'nonce-1', exp: 2_000, sub: 'user-1' };

  it('accepts a token for this client and sign-in', () => {
    expect(checkIdToken(jwt(good), expected)).toEqual({ sub: 'user-1' });
    expect(checkIdToken(jwt({ ...good, aud: ['other', 'client-1'] }), expected)).toEqual({ sub: 'user-1' });
  });

  it.each([
    ['not.a.jwt!', 'not a JWT'],
    ['onlyonepart', 'not a JWT'],
    [`x.${base64url(new TextEncoder().encode('[1'))}.y`, 'not a JWT'],
    [`x.${base64url(Uint8Array.from([0xff, 0xfe]))}.y`, 'not a JWT'],
    [jwt({ ...good, iss: 'https://evil.example.com/oidc' }), 'another issuer'],
    [jwt({ ...good, aud: 'other' }), 'another client'],
    [jwt({ ...good, nonce: 'replayed' }), 'does not answer'],
    [jwt({ ...good, exp: 999 }), 'expired'],
    [jwt({ ...good, exp: '2000' }), 'expired'],
    [jwt({ ...good, sub: '' }), 'names no user'],
  ])('refuses %s', (token, problem) => {
    expect(() => checkIdToken(token, expected)).toThrow(problem);
  });
});
