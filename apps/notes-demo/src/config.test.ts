import { describe, expect, it } from 'vitest';
import { parseDemoConfig } from './config.js';

describe('parseDemoConfig', () => {
  it('accepts an https origin or loopback http, and defaults the app id', () => {
    expect(parseDemoConfig({ wardUrl: 'https://ward.example.com/', clientId: 'c-1' })).toEqual({ ok: true, config: { wardUrl: 'https://ward.example.com', clientId: 'c-1', appId: 'com.ward.notes-demo' } });
    expect(parseDemoConfig({ wardUrl: 'http://127.0.0.1:8443', clientId: 'c', appId: 'com.example.notes' })).toMatchObject({ ok: true, config: { wardUrl: 'http://127.0.0.1:8443', appId: 'com.example.notes' } });
  });

  it.each([
    [null, 'not an object'],
    [[], 'not an object'],
    ['https://ward.example.com', 'not an object'],
    [{ clientId: 'c' }, 'wardUrl'],
    [{ wardUrl: 'not a url', clientId: 'c' }, 'wardUrl'],
    [{ wardUrl: 'http://ward.example.com', clientId: 'c' }, 'https'],
    [{ wardUrl: 'http://127.0.0.1.evil.example/', clientId: 'c' }, 'https'],
    [{ wardUrl: 'javascript:alert(1)', clientId: 'c' }, 'https'],
    [{ wardUrl: 'https://user:pw@ward.example.com', clientId: 'c' }, 'origin'],
    [{ wardUrl: 'https://ward.example.com/oidc', clientId: 'c' }, 'origin'],
    [{ wardUrl: `https://${'a'.repeat(3000)}.example.com`, clientId: 'c' }, 'wardUrl'],
    [{ wardUrl: 'https://ward.example.com', clientId: '' }, 'clientId'],
    [{ wardUrl: 'https://ward.example.com', clientId: 'a b' }, 'clientId'],
    [{ wardUrl: 'https://ward.example.com', clientId: 'x'.repeat(201) }, 'clientId'],
    [{ wardUrl: 'https://ward.example.com', clientId: 'c', appId: '../x' }, 'appId'],
    [{ wardUrl: 'https://ward.example.com', clientId: 'c', appId: 42 }, 'appId'],
  ])('refuses %j, naming %s', (input, problem) => {
    const parsed = parseDemoConfig(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});
