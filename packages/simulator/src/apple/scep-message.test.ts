import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { id_pkcs9_at_challengePassword } from '@peculiar/asn1-pkcs9';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptEnvelope, encryptEnvelope, removePkcs1Type2Padding, type ContentCipher } from './cms-envelope.js';
import { parseSignedData, signCms, signedDataCertificates, verifyCms } from './cms-signed-data.js';
import { derOctetString, derPrintableString, readDerPrimitive } from './der-values.js';
import { createScepCsr, createSelfSignedCertificate, encodeSubjectName, generateRsaKey, type DeviceDigest, type RsaIdentity } from './rsa-identity.js';
import { createSenderNonce, decodeCertRep, encodeScepRequest, scepAttributes } from './scep-message.js';
import { scepTransactionId } from './scep-client.js';
import { OpensslPki } from './test-support/openssl-pki.js';

const pki = new OpensslPki();
const ra = pki.make('ra', '/CN=Ward SCEP RA');
afterAll(() => {
  pki.remove();
});

const subject = encodeSubjectName([[['O', 'Ward']], [['CN', 'Virtual iPhone 00001']]]);
const key = generateRsaKey();
const now = new Date();

function text(value: Uint8Array | undefined): string {
  return Buffer.from(readDerPrimitive(value ?? new Uint8Array()).contents).toString('latin1');
}

describe('the SCEP CSR', () => {
  it('carries the challenge and subject and is signed by the key (openssl req -verify)', () => {
    const csr = createScepCsr({ privateKey: key, subject, challenge: 'one-time-challenge', digest: 'sha256' });
    const parsed = AsnConvert.parse(csr, CertificationRequest);
    const challenge = parsed.certificationRequestInfo.attributes.find((attribute) => attribute.type === id_pkcs9_at_challengePassword);
    expect(text(new Uint8Array(challenge?.values[0] ?? new ArrayBuffer(0)))).toBe('one-time-challenge');
    const path = pki.write('request.der', csr);
    const printed = pki.openssl(['req', '-inform', 'DER', '-in', path, '-verify', '-noout', '-subject']).toString();
    expect(printed).toMatch(/O ?= ?Ward, CN ?= ?Virtual iPhone 00001/);
  });
});

describe('PKCSReq', () => {
  const cases: [DeviceDigest, ContentCipher][] = [['sha1', 'des-ede3-cbc'], ['sha256', 'aes-256-cbc'], ['sha256', 'aes-128-cbc']];
  for (const [digest, cipher] of cases) {
    it(`is a SignedData (${digest}) over an envelope (${cipher}) the RA opens with openssl`, () => {
      const csr = createScepCsr({ privateKey: key, subject, challenge: 'c', digest });
      const signer: RsaIdentity = { privateKey: key, certificateDer: createSelfSignedCertificate(key, subject, now, digest) };
      const senderNonce = createSenderNonce();
      const transactionId = scepTransactionId(key);
      const message = encodeScepRequest({ messageType: 'PKCSReq', csrDer: csr, recipientDer: ra.certificateDer, signer, digest, cipher, transactionId, senderNonce, signingTime: now });

      const verified = verifyCms(message);
      expect(verified.digest).toBe(digest);
      expect(text(verified.attributes.get(scepAttributes.messageType)?.[0])).toBe('19');
      expect(text(verified.attributes.get(scepAttributes.transactionID)?.[0])).toBe(transactionId);
      expect(Buffer.from(readDerPrimitive(verified.attributes.get(scepAttributes.senderNonce)?.[0] ?? new Uint8Array()).contents).equals(Buffer.from(senderNonce))).toBe(true);
      expect(Buffer.from(verified.signerCertificateDer).equals(Buffer.from(signer.certificateDer))).toBe(true);

      // openssl, an independent peer, checks the signature and then opens the envelope as the RA.
      const messagePath = pki.write(`pkcsreq-${digest}-${cipher}.der`, message);
      const envelope = pki.openssl(['cms', '-verify', '-inform', 'DER', '-in', messagePath, '-noverify']);
      const envelopePath = pki.write(`envelope-${digest}-${cipher}.der`, envelope);
      const opened = pki.openssl(['cms', '-decrypt', '-inform', 'DER', '-in', envelopePath, '-recip', ra.certificatePath, '-inkey', ra.keyPath]);
      expect(opened.equals(Buffer.from(csr))).toBe(true);
      expect(Buffer.from(decryptEnvelope(envelope, ra)).equals(Buffer.from(csr))).toBe(true);
    });
  }

  it('opens an envelope openssl made (3DES and AES, PKCS#1 v1.5 and OAEP key transport)', () => {
    const self: RsaIdentity = { privateKey: key, certificateDer: createSelfSignedCertificate(key, subject, now, 'sha256') };
    const recipient = pki.write('self.pem', new X509Certificate(Buffer.from(self.certificateDer)).toString());
    const content = pki.write('plain', 'secret content');
    for (const [cipher, ...keyOptions] of [['-des3'], ['-aes256'], ['-aes128', '-keyopt', 'rsa_padding_mode:oaep']] as const) {
      const der = pki.openssl(['cms', '-encrypt', '-binary', '-outform', 'DER', '-in', content, cipher, '-recip', recipient, ...keyOptions]);
      expect(Buffer.from(decryptEnvelope(der, self)).toString()).toBe('secret content');
    }
  });

  it('refuses an envelope for someone else', () => {
    const envelope = encryptEnvelope(Buffer.from('x'), ra.certificateDer, 'des-ede3-cbc');
    const other: RsaIdentity = { privateKey: key, certificateDer: createSelfSignedCertificate(key, subject, now, 'sha256') };
    expect(() => decryptEnvelope(envelope, other)).toThrow(/not addressed/);
  });

  it('removes PKCS#1 v1.5 padding and refuses blocks without it', () => {
    expect(Buffer.from(removePkcs1Type2Padding(Uint8Array.of(0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 0, 42))).equals(Buffer.of(42))).toBe(true);
    expect(() => removePkcs1Type2Padding(Uint8Array.of(0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0, 42))).toThrow();
    expect(() => removePkcs1Type2Padding(Uint8Array.of(0, 2, 1, 2, 0, 42))).toThrow();
  });
});

describe('CertRep', () => {
  const requester: RsaIdentity = { privateKey: key, certificateDer: createSelfSignedCertificate(key, subject, now, 'sha1') };
  const issued = pki.make('issued', '/CN=Issued device');
  const transactionId = 'ABC123';
  const senderNonce = createSenderNonce();

  /** A CertRep as an RA answers (RFC 8894 §3.3.2), made with openssl's certs-only output inside. */
  function certRep(options: { status: string; failInfo?: string; nonce?: Uint8Array; transaction?: string; signer?: RsaIdentity }): Uint8Array {
    const certsOnly = pki.openssl(['crl2pkcs7', '-nocrl', '-certfile', issued.certificatePath, '-certfile', pki.root.certificatePath, '-outform', 'DER']);
    const content = options.status === '0' ? encryptEnvelope(certsOnly, requester.certificateDer, 'des-ede3-cbc') : new Uint8Array();
    return signCms({
      content,
      detached: false,
      signer: options.signer ?? ra,
      digest: 'sha256',
      signingTime: now,
      attributes: [
        { type: scepAttributes.messageType, valueDer: derPrintableString('3') },
        { type: scepAttributes.pkiStatus, valueDer: derPrintableString(options.status) },
        ...(options.failInfo ? [{ type: scepAttributes.failInfo, valueDer: derPrintableString(options.failInfo) }] : []),
        { type: scepAttributes.transactionID, valueDer: derPrintableString(options.transaction ?? transactionId) },
        { type: scepAttributes.recipientNonce, valueDer: derOctetString(options.nonce ?? senderNonce) },
        { type: scepAttributes.senderNonce, valueDer: derOctetString(createSenderNonce()) },
      ],
    });
  }
  const issuedKey = createPublicKey(issued.privateKey).export({ type: 'spki', format: 'der' });
  const expectations = { transactionId, senderNonce, authorityDer: [ra.certificateDer, pki.root.certificateDer], requester, requestedKeySpki: issuedKey };

  it('yields the issued certificate on SUCCESS', () => {
    const answer = decodeCertRep(certRep({ status: '0' }), expectations);
    expect(answer.status).toBe('SUCCESS');
    if (answer.status === 'SUCCESS') {
      expect(Buffer.from(answer.certificateDer).equals(Buffer.from(issued.certificateDer))).toBe(true);
      expect(answer.certificatesDer).toHaveLength(2);
    }
  });

  it('reads FAILURE with its failInfo and PENDING', () => {
    expect(decodeCertRep(certRep({ status: '2', failInfo: '2' }), expectations)).toEqual({ status: 'FAILURE', failInfo: 'badRequest' });
    expect(decodeCertRep(certRep({ status: '2', failInfo: '99' }), expectations)).toEqual({ status: 'FAILURE', failInfo: 'unknown' });
    expect(decodeCertRep(certRep({ status: '3' }), expectations)).toEqual({ status: 'PENDING' });
  });

  it('refuses a CertRep with another nonce, another transaction or another signer', () => {
    expect(() => decodeCertRep(certRep({ status: '0', nonce: createSenderNonce() }), expectations)).toThrow(/recipientNonce/);
    expect(() => decodeCertRep(certRep({ status: '0', transaction: 'OTHER' }), expectations)).toThrow(/another transaction/);
    expect(() => decodeCertRep(certRep({ status: '0', signer: issued }), expectations)).toThrow(/not signed by the SCEP authority/);
  });

  it('refuses garbage, truncation and a flipped byte', () => {
    const good = certRep({ status: '0' });
    expect(() => decodeCertRep(Buffer.from('garbage'), expectations)).toThrow();
    expect(() => decodeCertRep(good.subarray(0, good.length - 40), expectations)).toThrow();
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 0xff;
    expect(() => decodeCertRep(flipped, expectations)).toThrow();
  });

  it('reads the certificates of a degenerate certs-only SignedData', () => {
    const certsOnly = pki.openssl(['crl2pkcs7', '-nocrl', '-certfile', issued.certificatePath, '-outform', 'DER']);
    expect(signedDataCertificates(parseSignedData(certsOnly))).toHaveLength(1);
  });

  it('signs the CSR with the key whose public half it carries', () => {
    const csr = AsnConvert.parse(createScepCsr({ privateKey: key, subject, digest: 'sha1' }), CertificationRequest);
    const info = Buffer.from(AsnConvert.serialize(csr.certificationRequestInfo));
    expect(verify('sha1', info, createPublicKey(key), Buffer.from(csr.signature))).toBe(true);
  });
});
