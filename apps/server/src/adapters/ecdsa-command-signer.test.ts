import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandSigningInput } from '@ward/agent-protocol';
import { commandSigningBytes } from '@ward/core';
import { commandSigningPublicKeyPem, createEcdsaCommandSigner } from './ecdsa-command-signer.js';

describe('createEcdsaCommandSigner', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const command = {
    id: '0195d1b2-0000-7000-8000-00000000c001',
    deviceId: '0195d1b2-0000-7000-8000-00000000d001',
    type: 'runScript',
    payload: { timeoutSeconds: 60, script: 'echo hello\n', interpreter: 'sh' },
    expiresAt: new Date('2026-03-04T12:00:00.000Z'),
  };

  it('signs core\'s signing bytes so that the published public key verifies them over the agent\'s signing input (DER)', async () => {
    const signature = await createEcdsaCommandSigner(privateKey).sign(commandSigningBytes(command));
    const published = createPublicKey(commandSigningPublicKeyPem(privateKey));
    // What the agent computes from the command it received, with the expiry as the wire carries it.
    const input = commandSigningInput({ ...command, expiresAt: command.expiresAt.toISOString() });
    expect(Buffer.from(input)).toEqual(Buffer.from(commandSigningBytes(command)));
    expect(verify('sha256', input, { key: published, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'))).toBe(true);
    // A command changed after signing does not verify.
    const tampered = commandSigningInput({ ...command, payload: { ...command.payload, script: 'rm -rf /' }, expiresAt: command.expiresAt.toISOString() });
    expect(verify('sha256', tampered, { key: published, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'))).toBe(false);
  });

  it('publishes an SPKI PEM of a P-256 key', () => {
    const pem = commandSigningPublicKeyPem(privateKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(pem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('refuses any key but an ECDSA P-256 private key', () => {
    expect(() => createEcdsaCommandSigner(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey)).toThrow(/P-256/);
    expect(() => createEcdsaCommandSigner(generateKeyPairSync('ed25519').privateKey)).toThrow(/P-256/);
    expect(() => createEcdsaCommandSigner(createPublicKey(privateKey))).toThrow(/P-256/);
  });
});
