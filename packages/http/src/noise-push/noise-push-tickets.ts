import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { PresentedCertificate } from '@ward/core';

/** What a ticket stands for: the device certificate it was issued under, and the channel's key. */
export interface OpenedNoisePushTicket {
  readonly certificate: PresentedCertificate;
  /** The 32-byte pre-shared key of the Noise handshake. */
  readonly psk: Buffer;
}

/** A ticket and its key, as the check-in answer hands them to the agent. */
export interface IssuedNoisePushTicket {
  /** Base64url, no padding. */
  readonly ticket: string;
  /** Base64url of the 32-byte pre-shared key. */
  readonly psk: string;
}

const version = 1;
const nonceBytes = 12;
const tagBytes = 16;
// Binds the sealed content to this use, so no other AES-GCM ciphertext under the key passes for a ticket.
const additionalData = Buffer.from('ward-noise-push-ticket/1');
// The certificate's serial (hex, at most 20 bytes = 40 digits) and SHA-256 fingerprint, as
// device-certificate.ts writes it (colon-separated upper-case hex pairs).
const maxSerialChars = 64;
const fingerprintPattern = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
const serialPattern = /^[0-9a-f]{1,64}$/;
const base64url = /^[A-Za-z0-9_-]+$/;
/** Longest ticket text accepted, far above what {@link NoisePushTickets.issue} makes (about 200). */
export const maxNoisePushTicketChars = 512;

/**
 * The Noise push channel's tickets (docs/protocols/agent-v1.md, "The Noise push channel"). A ticket
 * is the device certificate's serial and fingerprint, sealed with AES-256-GCM under a key only the
 * servers hold, so it is opaque to everyone else and unlinkable across issues (a fresh nonce each
 * time). The pre-shared key is an HMAC of the ticket, so servers store nothing per device and any
 * server process of a cluster opens any ticket. Whether the certificate still authenticates
 * (revoked, expired, device retired) is asked of core on every use, as for the certificate itself.
 */
export class NoisePushTickets {
  readonly #ticketKey: Buffer;
  readonly #pskKey: Buffer;

  /** `keyMaterial`: the 32-byte server secret (apps/server's noise-push-key.ts). */
  constructor(keyMaterial: Uint8Array) {
    if (keyMaterial.length !== 32) throw new Error('The Noise push key material must be 32 bytes.');
    // Two independent keys from one secret: sealing tickets and deriving pre-shared keys never share one.
    this.#ticketKey = Buffer.from(hkdfSync('sha256', keyMaterial, Buffer.alloc(0), 'ward noise push ticket key', 32));
    this.#pskKey = Buffer.from(hkdfSync('sha256', keyMaterial, Buffer.alloc(0), 'ward noise push psk key', 32));
  }

  /** A new ticket for the certificate, and its pre-shared key. */
  issue(certificate: PresentedCertificate): IssuedNoisePushTicket {
    const serialNumber = certificate.serialNumber.toLowerCase();
    if (!serialPattern.test(serialNumber) || !fingerprintPattern.test(certificate.fingerprint)) throw new Error('A Noise push ticket names a certificate by its hex serial and SHA-256 fingerprint.');
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#ticketKey, nonce, { authTagLength: tagBytes });
    cipher.setAAD(additionalData);
    const sealed = Buffer.concat([cipher.update(`${serialNumber}.${certificate.fingerprint}`, 'latin1'), cipher.final()]);
    const ticket = Buffer.concat([Buffer.of(version), nonce, sealed, cipher.getAuthTag()]);
    return { ticket: ticket.toString('base64url'), psk: this.#psk(ticket).toString('base64url') };
  }

  /** What the ticket stands for, or undefined when it is not one these servers issued (or was altered). */
  open(text: string): OpenedNoisePushTicket | undefined {
    if (text.length === 0 || text.length > maxNoisePushTicketChars || !base64url.test(text)) return undefined;
    const ticket = Buffer.from(text, 'base64url');
    // Canonical encoding only, so one ticket has one text (and one prologue).
    if (ticket.toString('base64url') !== text) return undefined;
    if (ticket.length < 1 + nonceBytes + tagBytes + 1 || ticket[0] !== version) return undefined;
    const nonce = ticket.subarray(1, 1 + nonceBytes);
    const sealed = ticket.subarray(1 + nonceBytes, ticket.length - tagBytes);
    const decipher = createDecipheriv('aes-256-gcm', this.#ticketKey, nonce, { authTagLength: tagBytes });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(ticket.subarray(ticket.length - tagBytes));
    let content: string;
    try {
      content = Buffer.concat([decipher.update(sealed), decipher.final()]).toString('latin1');
    } catch {
      return undefined;
    }
    const [serialNumber, fingerprint, extra] = content.split('.');
    // Only this server's key could have sealed it; the checks guard against a future format change.
    if (extra !== undefined || serialNumber === undefined || fingerprint === undefined) return undefined;
    if (serialNumber.length > maxSerialChars || !serialPattern.test(serialNumber) || !fingerprintPattern.test(fingerprint)) return undefined;
    return { certificate: { serialNumber, fingerprint }, psk: this.#psk(ticket) };
  }

  #psk(ticket: Buffer): Buffer {
    return createHmac('sha256', this.#pskKey).update(ticket).digest();
  }
}
