import { describe, expect, it } from 'vitest';
import { enrollCommandLine, terminalQrCode } from './enroll-command-line.js';

const token = 'wrd_et.0195d1b2-0000-7000-8000-0000000000e1.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-';
const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

describe('enrollCommandLine', () => {
  it('is the one-line ward-agent enroll command, unquoted for what Ward makes', () => {
    expect(enrollCommandLine('https://ward.example.com:8443/', token, fingerprint)).toBe(`ward-agent enroll --server https://ward.example.com:8443 --token ${token} --ca-fingerprint ${fingerprint}`);
  });

  it('quotes what a shell would split or expand', () => {
    expect(enrollCommandLine("https://ward.example.com/a b'c", token, fingerprint)).toContain(`--server 'https://ward.example.com/a b'"'"'c'`);
  });
});

describe('terminalQrCode', () => {
  it('draws the text with half blocks, narrow enough for an 80-column terminal', async () => {
    const qr = await terminalQrCode(enrollCommandLine('https://ward.example.com:8443', token, fingerprint));
    const lines = qr.split('\n').filter((l) => l.trim() !== '');
    expect(qr).toMatch(/[▀▄█]/);
    // eslint-disable-next-line no-control-regex -- the terminal renderer colours with ANSI escapes
    const widest = Math.max(...lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
    expect(widest).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(40);
  });
});
