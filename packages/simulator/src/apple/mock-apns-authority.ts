import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from '@peculiar/asn1-x509';

const sha256WithRsaEncryption = '1.2.840.113549.1.1.11';
const uidOid = '0.9.2342.19200300.100.1.1';
const dayMs = 86_400_000;

/** Attribute type, value: one RDN each, in order. */
type NameParts = readonly (readonly [oid: string, value: string])[];

function nameOf(parts: NameParts): Name {
  return new Name(parts.map(([type, value]) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })])));
}

function toPem(der: Uint8Array, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function pemBody(pem: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+?)-----END ${label}-----`).exec(pem);
  if (match?.[1] === undefined) throw new Error(`no PEM ${label} block`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** What a signed certificate is made of. */
interface CertificateDraft {
  readonly subject: NameParts;
  readonly spki: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly Extension[];
}

/**
 * A stand-in for Apple's side of the push certificate workflow, for tests and the simulator: a
 * CA that signs an MDM push certificate over the CSR Ward made (subject `UID=<topic>,
 * CN=APSP:<uuid>, C=US`, client authentication, as the Apple Push Certificates Portal issues them)
 * and the mock APNs server's TLS certificate. Its root is the trust anchor of both sides.
 */
export interface MockApnsAuthority {
  /** The root certificate (PEM): the client-certificate CA of the mock APNs, and the client's `ca`. */
  readonly caCertificatePem: string;
  /**
   * A push certificate over `csrPem`'s key (the CSR's signature is checked first), for `topic`
   * (default `com.apple.mgmt.External.<random uuid>`), valid from `notBefore` (default: a day
   * ago) for `days` (default 365). PEM.
   */
  issuePushCertificate(csrPem: string, options?: { readonly topic?: string; readonly notBefore?: Date; readonly days?: number }): string;
  /** A push certificate and a fresh RSA key, for tests that skip the CSR step. */
  issuePushIdentity(options?: { readonly topic?: string; readonly notBefore?: Date; readonly days?: number }): { readonly certificatePem: string; readonly privateKeyPem: string; readonly topic: string };
  /** A TLS server certificate and key for `localhost` and 127.0.0.1 (and `names`). */
  issueServerIdentity(names?: readonly string[]): { readonly certificatePem: string; readonly privateKeyPem: string };
}

/** A new {@link MockApnsAuthority} with a fresh RSA-2048 root. */
export function createMockApnsAuthority(): MockApnsAuthority {
  const { privateKey: caKey, publicKey: caPublic } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const caName: NameParts = [
    ['2.5.4.3', 'Mock Apple Application Integration CA'],
    ['2.5.4.10', 'Ward test'],
  ];
  const now = new Date();

  const signCertificate = (draft: CertificateDraft, issuerKey: KeyObject): string => {
    const signature = new AlgorithmIdentifier({ algorithm: sha256WithRsaEncryption, parameters: null });
    const serial = randomBytes(16);
    // Positive and minimal as DER wants: top bit clear, first byte never zero (OpenSSL refuses the padding).
    serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
    const tbs = new TBSCertificate({
      version: Version.v3,
      serialNumber: new Uint8Array(serial).buffer,
      signature,
      issuer: nameOf(caName),
      validity: new Validity({ notBefore: draft.notBefore, notAfter: draft.notAfter }),
      subject: nameOf(draft.subject),
      subjectPublicKeyInfo: AsnConvert.parse(draft.spki, SubjectPublicKeyInfo),
      extensions: new Extensions([...draft.extensions]),
    });
    const signatureValue = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), issuerKey);
    const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: signature, signatureValue: new Uint8Array(signatureValue).buffer });
    return toPem(new Uint8Array(AsnConvert.serialize(certificate)), 'CERTIFICATE');
  };

  const caCertificatePem = signCertificate(
    {
      subject: caName,
      spki: caPublic.export({ type: 'spki', format: 'der' }),
      notBefore: new Date(now.getTime() - dayMs),
      notAfter: new Date(now.getTime() + 3650 * dayMs),
      extensions: [
        extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
        extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      ],
    },
    caKey,
  );

  const pushCertificate = (spki: Uint8Array, options: { readonly topic?: string; readonly notBefore?: Date; readonly days?: number }): { certificatePem: string; topic: string } => {
    const uuid = randomUUID();
    const topic = options.topic ?? `com.apple.mgmt.External.${uuid}`;
    const notBefore = options.notBefore ?? new Date(Date.now() - dayMs);
    const certificatePem = signCertificate(
      {
        subject: [
          [uidOid, topic],
          ['2.5.4.3', `APSP:${uuid}`],
          ['2.5.4.6', 'US'],
        ],
        spki,
        notBefore,
        notAfter: new Date(notBefore.getTime() + (options.days ?? 365) * dayMs),
        extensions: [
          extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
          extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature)),
          extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_clientAuth])),
        ],
      },
      caKey,
    );
    return { certificatePem, topic };
  };

  return {
    caCertificatePem,
    issuePushCertificate(csrPem, options = {}) {
      const csr = AsnConvert.parse(pemBody(csrPem, 'CERTIFICATE REQUEST'), CertificationRequest);
      const info = csr.certificationRequestInfo;
      const spki = new Uint8Array(AsnConvert.serialize(info.subjectPKInfo));
      const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      if (!verify('sha256', Buffer.from(AsnConvert.serialize(info)), publicKey, Buffer.from(csr.signature))) throw new Error('the CSR signature does not verify');
      return pushCertificate(spki, options).certificatePem;
    },
    issuePushIdentity(options = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const issued = pushCertificate(publicKey.export({ type: 'spki', format: 'der' }), options);
      return { ...issued, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    },
    issueServerIdentity(names = []) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const certificatePem = signCertificate(
        {
          subject: [['2.5.4.3', 'localhost']],
          spki: publicKey.export({ type: 'spki', format: 'der' }),
          notBefore: new Date(Date.now() - dayMs),
          notAfter: new Date(Date.now() + 30 * dayMs),
          extensions: [
            extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment)),
            extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth])),
            extension(id_ce_subjectAltName, false, new SubjectAlternativeName([new GeneralName({ dNSName: 'localhost' }), new GeneralName({ iPAddress: '127.0.0.1' }), ...names.map((dNSName) => new GeneralName({ dNSName }))])),
          ],
        },
        caKey,
      );
      return { certificatePem, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    },
  };
}
