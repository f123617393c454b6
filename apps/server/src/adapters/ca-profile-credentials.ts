import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock, CredentialRequest, IssuedCredential, ProfileCredentialSource, TenantId } from '@ward/core';
import { PkiError, type CertificateAuthority } from '@ward/pki';

const generateEcKeyPair = promisify(generateKeyPair);

/** The curves a profile credential's key may use; P-256 unless the caller asks for P-384. */
export type ProfileKeyCurve = 'P-256' | 'P-384';

/** Why a credential was not issued: the profile stays not applicable on that device until this changes. */
export interface CredentialRefusal {
  readonly tenantId: TenantId;
  readonly request: CredentialRequest;
  /** A stable code: `SUBJECT_UNSUPPORTED`, pki's CSR codes, `INVALID_INPUT`, `CA_EXPIRED`. */
  readonly code: string;
  readonly message: string;
}

/** How profile credentials are issued and kept. */
export interface CaProfileCredentialsOptions {
  readonly clock: Clock;
  readonly curve?: ProfileKeyCurve;
  /**
   * Credentials kept at most; the least recently used is forgotten first (and issued anew when
   * asked for again). About 1.5 KB each.
   */
  readonly maxEntries?: number;
  /** Told about each refused request, for the log. */
  readonly onRefused?: (refusal: CredentialRefusal) => void;
}

/** A credential as kept, with what it was issued for. */
interface HeldCredential {
  readonly subject: string;
  readonly validityDays: number;
  readonly credential: IssuedCredential;
  /** From here on a request gets a new credential: the last third of the lifetime, as device identities renew. */
  readonly renewAt: number;
}

/** One credential issued from the CA, with its validity. */
export type IssuedProfileCredential = IssuedCredential & { readonly serialNumber: string; readonly notBefore: Date; readonly notAfter: Date };

/** A profile subject the CA can put into a certificate, or why not. */
export type ProfileSubject = { readonly ok: true; readonly commonName: string; readonly organizationalUnit?: string } | { readonly ok: false; readonly message: string };

const defaultMaxEntries = 200_000;

/**
 * Core's {@link ProfileCredentialSource} over Ward's CA: for each `issued` certificate profile a
 * device needs, a fresh key pair (ECDSA P-256 by default) and a client-auth certificate for the
 * profile's subject, valid for the profile's days, with the CA chain and the PKCS#8 key.
 *
 * The item hash covers the credential, so issuing anew on every recomputation would reinstall the
 * certificate on every device each time. Credentials are therefore kept per (tenant, device,
 * profile) and returned again while the subject and validity are unchanged and the last third of
 * the lifetime has not begun; concurrent requests for the same key share one issuance.
 *
 * They are kept in this process's memory only: core calls this inside its transactions, where a
 * query outside the transaction's own stores would deadlock SQLite's single connection, and the
 * store has no table for them yet. After a restart, or on another server process, a device's
 * credential is issued anew the next time its desired state is recomputed (and so reinstalled).
 *
 * The CA sets the subject's commonName and organizationalUnit from the profile (its own
 * organization is always O); other attributes of the profile's subject are not carried over.
 */
export function createCaProfileCredentials(ca: CertificateAuthority, options: CaProfileCredentialsOptions): ProfileCredentialSource {
  const held = new Map<string, HeldCredential>();
  const inFlight = new Map<string, Promise<HeldCredential | undefined>>();
  const maxEntries = options.maxEntries ?? defaultMaxEntries;
  const curve = options.curve ?? 'P-256';

  const keep = (key: string, entry: HeldCredential): void => {
    held.delete(key);
    held.set(key, entry);
    while (held.size > maxEntries) {
      const oldest = held.keys().next();
      if (oldest.done === true) break;
      held.delete(oldest.value);
    }
  };

  const issue = async (tenantId: TenantId, request: CredentialRequest): Promise<HeldCredential | undefined> => {
    const issued = await issueProfileCredential(ca, request, options.clock.now(), curve);
    if (!issued.ok) {
      options.onRefused?.({ tenantId, request, code: issued.code, message: issued.message });
      return undefined;
    }
    const { credential } = issued;
    const lifetime = credential.notAfter.getTime() - credential.notBefore.getTime();
    return {
      subject: request.subject,
      validityDays: request.validityDays,
      credential: { certificatePem: credential.certificatePem, chainPem: credential.chainPem, privateKeyPem: credential.privateKeyPem },
      renewAt: credential.notBefore.getTime() + Math.floor((lifetime * 2) / 3),
    };
  };

  const credentialFor = async (tenantId: TenantId, request: CredentialRequest): Promise<HeldCredential | undefined> => {
    const key = `${tenantId}/${request.deviceId}/${request.profileId}`;
    const current = held.get(key);
    if (current !== undefined && current.subject === request.subject && current.validityDays === request.validityDays && options.clock.now().getTime() < current.renewAt) {
      keep(key, current);
      return current;
    }
    const pending = inFlight.get(key);
    if (pending !== undefined) return pending;
    const issuing = issue(tenantId, request)
      .then((entry) => {
        if (entry !== undefined) keep(key, entry);
        return entry;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, issuing);
    return issuing;
  };

  return {
    async credentialsFor(tenantId, requests) {
      const found = new Map<string, IssuedCredential>();
      const entries = await Promise.all(requests.map(async (request) => [request, await credentialFor(tenantId, request)] as const));
      for (const [request, entry] of entries) if (entry !== undefined) found.set(`${request.deviceId}:${request.profileId}`, entry.credential);
      return found;
    },
  };
}

/**
 * Issues one credential: the subject is checked first (nothing is generated for a subject the CA
 * cannot carry), then a key pair is generated here and certified through a CSR signed with it.
 * A refusal is a result; the CA's failures (`CA_EXPIRED`, `INVALID_INPUT`) become refusals too,
 * so one device's certificate never fails a whole recomputation or check-in.
 */
export async function issueProfileCredential(
  ca: CertificateAuthority,
  request: Pick<CredentialRequest, 'subject' | 'validityDays'>,
  now: Date,
  curve: ProfileKeyCurve = 'P-256',
): Promise<{ readonly ok: true; readonly credential: IssuedProfileCredential } | { readonly ok: false; readonly code: string; readonly message: string }> {
  const subject = profileSubject(request.subject);
  if (!subject.ok) return { ok: false, code: 'SUBJECT_UNSUPPORTED', message: subject.message };
  const { privateKey, publicKey } = await generateEcKeyPair('ec', { namedCurve: curve === 'P-256' ? 'prime256v1' : 'secp384r1' });
  const csrPem = pem(encodeCsr(publicKey.export({ type: 'spki', format: 'der' }), curve, privateKey), 'CERTIFICATE REQUEST');
  try {
    const issued = await ca.issueFromCsr({
      csrPem,
      subject: { commonName: subject.commonName, organizationalUnit: subject.organizationalUnit },
      validityDays: request.validityDays,
      now,
      extendedKeyUsage: 'clientAuth',
    });
    if (!issued.ok) return { ok: false, code: issued.code, message: issued.message };
    return {
      ok: true,
      credential: {
        certificatePem: issued.certificatePem,
        chainPem: ca.chainPem,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        serialNumber: issued.serialNumber,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      },
    };
  } catch (error) {
    if (error instanceof PkiError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * The commonName and organizationalUnit of an RFC 4514 subject (`CN=ada@example.com,OU=Staff,O=Example`),
 * unescaping `\,` `\+` `\\` and `\XX`. Exactly one CN is required and at most one OU: a second
 * one is more likely a variable's value that carried `,CN=…` than intent, and the CA sets one of each.
 */
export function profileSubject(dn: string): ProfileSubject {
  const rdns = splitUnescaped(dn, ',');
  if (rdns === undefined) return { ok: false, message: 'the subject has a dangling escape' };
  const commonNames: string[] = [];
  const units: string[] = [];
  for (const rdn of rdns) {
    if (rdn.includes('+') && splitUnescaped(rdn, '+')?.length !== 1) return { ok: false, message: 'multi-valued RDNs (+) are not supported' };
    const eq = rdn.indexOf('=');
    if (eq <= 0) return { ok: false, message: `"${rdn.trim()}" is not an attribute=value pair` };
    const type = rdn.slice(0, eq).trim().toUpperCase();
    const value = unescapeValue(rdn.slice(eq + 1).trim());
    if (value === undefined || value === '') return { ok: false, message: `the value of ${type} is empty or badly escaped` };
    if (type === 'CN') commonNames.push(value);
    if (type === 'OU') units.push(value);
  }
  if (commonNames.length !== 1) return { ok: false, message: `the subject needs exactly one CN, it has ${commonNames.length}` };
  if (units.length > 1) return { ok: false, message: `the subject may have one OU, it has ${units.length}` };
  const commonName = commonNames[0] ?? '';
  const organizationalUnit = units[0];
  return organizationalUnit === undefined ? { ok: true, commonName } : { ok: true, commonName, organizationalUnit };
}

/** Splits at separators not preceded by an escaping backslash; undefined for a trailing lone backslash. */
function splitUnescaped(text: string, separator: ',' | '+'): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unescapeValue(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c !== '\\') {
      out += c;
      continue;
    }
    const hex = value.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (i + 1 < value.length) {
      out += value[i + 1] ?? '';
      i++;
    } else return undefined;
  }
  return out;
}

// DER: a PKCS#10 request has one fixed shape here (a CN, an EC key, no attributes), so it is
// encoded by hand; the CA takes the subject from the request's caller, not from the CSR.

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...contents: readonly Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

// 2.5.4.3 commonName; 1.2.840.10045.4.3.2 ecdsa-with-SHA256; 1.2.840.10045.4.3.3 ecdsa-with-SHA384.
const oidCommonName = Buffer.from('0603550403', 'hex');
const oidEcdsaSha256 = Buffer.from('06082a8648ce3d040302', 'hex');
const oidEcdsaSha384 = Buffer.from('06082a8648ce3d040303', 'hex');

function encodeCsr(spkiDer: Buffer, curve: ProfileKeyCurve, privateKey: KeyObject): Buffer {
  const name = tlv(0x30, tlv(0x31, tlv(0x30, oidCommonName, tlv(0x0c, Buffer.from('Ward profile credential', 'utf8')))));
  // version 0, subject, subjectPKInfo, attributes [0] (an empty SET OF, which PKCS#10 requires).
  const info = tlv(0x30, tlv(0x02, Buffer.from([0])), name, spkiDer, tlv(0xa0));
  const digest = curve === 'P-256' ? 'sha256' : 'sha384';
  const signature = sign(digest, info, privateKey);
  return tlv(0x30, info, tlv(0x30, curve === 'P-256' ? oidEcdsaSha256 : oidEcdsaSha384), tlv(0x03, Buffer.from([0]), signature));
}

function pem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
