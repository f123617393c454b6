import { describe, expect, it } from 'vitest';
import { upstreamIssuerProblem, validateUpstreamProviderInput, type UpstreamProviderInput } from './validate-upstream-provider-input.js';

const okta: UpstreamProviderInput = { name: 'Okta', issuer: 'https://example.okta.com', clientId: 'ward', clientSecret: 's3cret' };

function field(input: UpstreamProviderInput): unknown {
  const result = validateUpstreamProviderInput(input);
  return result.ok ? 'ok' : result.details?.['field'];
}

describe('upstream issuer', () => {
  it.each(['https://accounts.google.com', 'https://login.example.com:8443/realms/staff', 'https://tenant.auth0.com/', 'https://127.0.0.1:4443/oidc'])('accepts %s', (issuer) => {
    expect(upstreamIssuerProblem(issuer)).toBeUndefined();
  });

  it.each([
    ['http://accounts.example.com', /https/u],
    ['http://127.0.0.1:8080', /https/u],
    ['https://idp.example.com/?x=1', /query/u],
    ['https://idp.example.com/?', /query/u],
    ['https://idp.example.com/#x', /fragment/u],
    ['https://user:pw@idp.example.com', /user information/u],
    ['idp.example.com', /absolute/u],
    ['javascript:alert(1)', /https/u],
    ['file:///etc/passwd', /https/u],
    ['https://idp.example.com/a b', /spaces/u],
    ['https://idp.example.com/\u0000', /control/u],
    ['', /1 to/u],
    [`https://idp.example.com/${'a'.repeat(2000)}`, /1 to/u],
  ])('refuses %s', (issuer, problem) => {
    expect(upstreamIssuerProblem(issuer)).toMatch(problem);
  });
});

describe('validateUpstreamProviderInput', () => {
  it('fills in the defaults and trims text, keeping the issuer as typed', () => {
    expect(validateUpstreamProviderInput({ ...okta, name: '  Okta  ', issuer: ' https://tenant.auth0.com/ ' })).toEqual({
      ok: true,
      value: { name: 'Okta', issuer: 'https://tenant.auth0.com/', clientId: 'ward', clientSecret: 's3cret', scopes: ['openid', 'email', 'profile'], enabled: true, requireVerifiedEmail: true },
    });
    const custom = validateUpstreamProviderInput({ ...okta, scopes: ['openid', 'email', 'groups:read'], enabled: false, requireVerifiedEmail: false });
    expect(custom.ok && custom.value).toMatchObject({ scopes: ['openid', 'email', 'groups:read'], enabled: false, requireVerifiedEmail: false });
  });

  it('refuses empty, long or control-character names, client ids and secrets', () => {
    for (const name of ['', '   ', 'x'.repeat(101), 'a\nb']) expect(field({ ...okta, name })).toBe('name');
    for (const clientId of ['', 'x'.repeat(256), 'a\u0007b']) expect(field({ ...okta, clientId })).toBe('clientId');
    for (const clientSecret of ['', 'x'.repeat(1025), 'a\rb']) expect(field({ ...okta, clientSecret })).toBe('clientSecret');
  });

  it('refuses a non-https issuer', () => {
    expect(field({ ...okta, issuer: 'http://example.okta.com' })).toBe('issuer');
    expect(field({ ...okta, issuer: 42 as unknown as string })).toBe('issuer');
  });

  it('refuses scopes without openid, duplicated, malformed or too many', () => {
    for (const scopes of [[], ['email'], ['openid', 'openid'], ['openid', 'a b'], ['openid', 'quo"te'], ['openid', 'back\\slash'], ['openid', ''], ['openid', 'x'.repeat(101)], ['openid', ...Array.from({ length: 20 }, (_, i) => `s${i}`)], ['openid', 7]]) {
      expect(field({ ...okta, scopes: scopes as string[] })).toBe('scopes');
    }
    expect(field({ ...okta, scopes: 'openid' as unknown as string[] })).toBe('scopes');
  });

  it('refuses flags that are not booleans', () => {
    expect(field({ ...okta, enabled: 'yes' as unknown as boolean })).toBe('enabled');
    expect(field({ ...okta, requireVerifiedEmail: 0 as unknown as boolean })).toBe('requireVerifiedEmail');
  });
});
