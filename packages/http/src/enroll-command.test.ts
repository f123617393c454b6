import { describe, expect, it } from 'vitest';
import { enrollCommand, enrollCommandSettings, qrSvg } from './enroll-command.js';

const fingerprint = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join(':');

describe('the enroll command', () => {
  it('is one shell-safe line with the server, the token and the CA fingerprint', () => {
    const settings = enrollCommandSettings('https://ward.example.com:8443/', fingerprint);
    expect(enrollCommand(settings, 'wrd_et.abc.def_-x')).toBe(`ward-agent enroll --server https://ward.example.com:8443 --token wrd_et.abc.def_-x --ca-fingerprint ${fingerprint.toUpperCase()}`);
    expect(enrollCommand(enrollCommandSettings('https://ward.example.com/mdm(1)', fingerprint), 't')).toContain("--server 'https://ward.example.com/mdm(1)'");
  });

  it.each([['http://ward.example.com'], ['https://user:pw@ward.example.com'], ['https://ward.example.com/?x=1'], ['ward.example.com']])('refuses the URL %s', (url) => {
    expect(() => enrollCommandSettings(url, fingerprint)).toThrow(/publicUrl/);
  });

  it('refuses a fingerprint that is not SHA-256 colon hex', () => {
    expect(() => enrollCommandSettings('https://ward.example.com', 'AB:CD')).toThrow(/caFingerprint/);
  });

  it('renders a QR code as SVG', async () => {
    expect(await qrSvg('ward-agent enroll')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
