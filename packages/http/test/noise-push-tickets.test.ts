import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NoisePushTickets } from '../src/index.js';

const certificate = { serialNumber: '01a2b3', fingerprint: Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':') };

describe('Noise push tickets', () => {
  it('open to the certificate they were issued for, with the same key every time and on every server of the cluster', () => {
    const material = randomBytes(32);
    const issued = new NoisePushTickets(material).issue(certificate);
    const opened = new NoisePushTickets(Buffer.from(material)).open(issued.ticket);
    expect(opened?.certificate).toEqual(certificate);
    expect(opened?.psk.toString('base64url')).toBe(issued.psk);
    expect(opened?.psk).toHaveLength(32);
  });

  it('are unlinkable: two tickets for one certificate share neither text nor key', () => {
    const tickets = new NoisePushTickets(randomBytes(32));
    const a = tickets.issue(certificate);
    const b = tickets.issue(certificate);
    expect(a.ticket).not.toBe(b.ticket);
    expect(a.psk).not.toBe(b.psk);
  });

  it('do not open under another key, altered, truncated, extended or re-encoded', () => {
    const tickets = new NoisePushTickets(randomBytes(32));
    const { ticket } = tickets.issue(certificate);
    expect(new NoisePushTickets(randomBytes(32)).open(ticket)).toBeUndefined();
    const bytes = Buffer.from(ticket, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(tickets.open(altered.toString('base64url')), `byte ${i}`).toBeUndefined();
    }
    expect(tickets.open(bytes.subarray(0, bytes.length - 1).toString('base64url'))).toBeUndefined();
    expect(tickets.open(Buffer.concat([bytes, Buffer.of(0)]).toString('base64url'))).toBeUndefined();
    // Base64 with padding or the standard alphabet is not the canonical text.
    expect(tickets.open(bytes.toString('base64'))).toBeUndefined();
    for (const hostile of ['', '====', 'A', 'A'.repeat(513), '../../etc/passwd', 'tick et', '\u0000'.repeat(40), 'Zm9v']) expect(tickets.open(hostile), hostile).toBeUndefined();
  });

  it('are issued only for a hex serial and a SHA-256 fingerprint, and need 32 bytes of key material', () => {
    const tickets = new NoisePushTickets(randomBytes(32));
    expect(() => tickets.issue({ serialNumber: 'zz', fingerprint: certificate.fingerprint })).toThrow();
    expect(() => tickets.issue({ serialNumber: '01', fingerprint: 'AB:CD' })).toThrow();
    expect(() => new NoisePushTickets(randomBytes(16))).toThrow(/32 bytes/);
  });
});
