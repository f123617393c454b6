import { describe, expect, it } from 'vitest';
import { enrollCommand, enrollCommandSettings } from '@ward/http';
import { terminalQrCode } from './terminal-qr-code.js';

const token = 'wrd_et.0195d1b2-0000-7000-8000-0000000000e1.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-';
const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

describe('terminalQrCode', () => {
  it('draws the text with half blocks, narrow enough for an 80-column terminal', async () => {
    const qr = await terminalQrCode(enrollCommand(enrollCommandSettings('https://ward.example.com:8443', fingerprint), token));
    const lines = qr.split('\n').filter((l) => l.trim() !== '');
    expect(qr).toMatch(/[▀▄█]/);
    // eslint-disable-next-line no-control-regex -- the terminal renderer colours with ANSI escapes
    const widest = Math.max(...lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
    expect(widest).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(40);
  });
});
