import { describe, expect, it } from 'vitest';
import { redirectUriProblem, validateRelyingPartyInput, type RelyingPartyInput } from './validate-relying-party-input.js';

const web: RelyingPartyInput = { name: 'Wiki', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: ['https://wiki.example.com/cb'] };
const ecKey = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

function field(input: RelyingPartyInput): unknown {
  const result = validateRelyingPartyInput(input);
  return result.ok ? 'ok' : result.details?.['field'];
}

describe('redirect URIs', () => {
  it.each([
    ['https://app.example.com/cb', undefined],
    ['https://app.example.com:8443/cb?x=1', undefined],
    ['http://127.0.0.1:53211/cb', undefined],
    ['http://[::1]/cb', undefined],
    ['http://localhost:3000/cb', undefined],
  ])('accepts %s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toBe(problem);
  });

  it.each([
    ['http://app.example.com/cb', /https/u],
    ['https://app.example.com/cb#frag', /fragment/u],
    ['https://app.example.com/cb#', /fragment/u],
    ['/relative/cb', /absolute/u],
    ['javascript:alert(1)', /https/u],
    ['com.example.app:/oauth', /https/u],
    ['https://user:pw@app.example.com/cb', /user information/u],
    ['https://app.example.com/c b', /spaces/u],
    ['https://app.example.com/\u0000', /control/u],
    ['', /1 to/u],
    [`https://app.example.com/${'a'.repeat(2000)}`, /1 to/u],
    ['http://127.0.0.2.evil.com/cb', /https/u],
  ])('refuses %s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toMatch(problem);
  });
});

describe('validateRelyingPartyInput', () => {
  it('accepts the three kinds of client Ward supports', () => {
    expect(validateRelyingPartyInput(web)).toEqual({ ok: true, value: { ...web, postLogoutRedirectUris: [], jwks: null } });
    expect(field({ name: 'SPA', grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', redirectUris: ['http://127.0.0.1/cb'] })).toBe('ok');
    expect(field({ name: 'Job', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [ecKey] } })).toBe('ok');
  });

  it('trims the name and refuses an empty, long or control-character one', () => {
    const result = validateRelyingPartyInput({ ...web, name: '  Wiki  ' });
    expect(result.ok && result.value.name).toBe('Wiki');
    for (const name of ['', '   ', 'x'.repeat(201), 'a\nb']) expect(field({ ...web, name })).toBe('name');
  });

  it('refuses unknown, duplicate, empty or incoherent grant types', () => {
    for (const grantTypes of [[], ['implicit'], ['password'], ['authorization_code', 'authorization_code'], ['refresh_token'], ['client_credentials', 'refresh_token']]) {
      expect(field({ ...web, grantTypes })).toBe('grantTypes');
    }
    expect(field({ name: 'SPA job', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'none' })).toBe('grantTypes');
  });

  it('refuses an unknown method, and a JWKS where it does not belong or missing where it does', () => {
    expect(field({ ...web, tokenEndpointAuthMethod: 'client_secret_jwt' })).toBe('tokenEndpointAuthMethod');
    expect(field({ ...web, jwks: { keys: [ecKey] } })).toBe('jwks');
    expect(field({ ...web, tokenEndpointAuthMethod: 'private_key_jwt' })).toBe('jwks');
  });

  it('refuses a hostile or malformed JWKS: private keys, symmetric keys, too many, too big, wrong shape', () => {
    const jwt = (jwks: unknown): RelyingPartyInput => ({ ...web, tokenEndpointAuthMethod: 'private_key_jwt', jwks });
    for (const jwks of [
      [],
      { keys: [] },
      { keys: 'x' },
      { keys: [null] },
      { keys: [[]] },
      { keys: [{ ...ecKey, d: 'secret' }] },
      { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] },
      { keys: Array.from({ length: 11 }, () => ecKey) },
      { keys: [{ ...ecKey, padding: 'x'.repeat(17 * 1024) }] },
    ]) {
      expect(field(jwt(jwks))).toBe('jwks');
    }
  });

  it('requires redirect URIs for the code flow only, and checks each', () => {
    expect(field({ ...web, redirectUris: [] })).toBe('redirectUris');
    expect(field({ name: 'Job', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post', redirectUris: ['https://x.example.com/cb'] })).toBe('redirectUris');
    expect(field({ ...web, redirectUris: ['https://a.example.com/cb', 'https://a.example.com/cb'] })).toBe('redirectUris');
    expect(field({ ...web, redirectUris: Array.from({ length: 21 }, (_, i) => `https://a.example.com/${i}`) })).toBe('redirectUris');
    expect(field({ ...web, postLogoutRedirectUris: ['http://evil.example.com/'] })).toBe('postLogoutRedirectUris');
  });
});
