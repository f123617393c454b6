import { encodeDerInteger } from './encode-der-integer.js';
import { encodePem } from './encode-pem.js';
import type { IssuerContext } from './issuer-context.js';
import { PkiError } from './pki-error.js';
import { normalizeSerialNumber } from './serial-number.js';
import { assertValidDate } from './validity-period.js';
import { webcrypto, x509 } from './x509.js';

/** RFC 5280 §5.3.1 reason codes Ward writes (removeFromCRL and aACompromise do not apply to it). */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
] as const;

/** One of {@link REVOCATION_REASONS}. */
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** One revoked certificate. */
export interface RevokedCertificate {
  /** Hex serial number as issued. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  /** Omitted or `unspecified` writes no reasonCode, as RFC 5280 recommends. */
  readonly reason?: RevocationReason | undefined;
}

/** What a CRL lists and when. */
export interface CreateCrlInput {
  readonly revoked: readonly RevokedCertificate[];
  /** thisUpdate. */
  readonly now: Date;
  /** When the next CRL will be published; must be after `now`. */
  readonly nextUpdate: Date;
  /**
   * The cRLNumber, which must grow with every CRL the CA publishes. Defaults to `now` in epoch
   * milliseconds, which grows as long as each CRL is made later than the last; pass your own
   * counter when you keep one.
   */
  readonly crlNumber?: number | undefined;
}

/** A signed CRL. */
export interface Crl {
  /** DER, as served at a CRL distribution point (`application/pkix-crl`). */
  readonly der: Uint8Array;
  /** The same, PEM (`X509 CRL`). */
  readonly pem: string;
  /** The cRLNumber written into it. */
  readonly crlNumber: number;
}

/**
 * Creates a version-2 CRL signed by the issuing CA, with authorityKeyIdentifier and cRLNumber
 * (both required by RFC 5280 §5.2) and a reasonCode per entry where one is given.
 *
 * @throws PkiError `INVALID_INPUT` for invalid dates, `nextUpdate` not after `now`, a bad or
 * repeated serial number, an unknown reason, or a negative or unsafe `crlNumber`.
 */
export async function createCrl(issuer: IssuerContext, input: CreateCrlInput): Promise<Crl> {
  assertValidDate(input.now, 'now');
  assertValidDate(input.nextUpdate, 'nextUpdate');
  if (input.nextUpdate.getTime() <= input.now.getTime()) throw new PkiError('INVALID_INPUT', 'nextUpdate must be after now');
  const crlNumber = input.crlNumber ?? input.now.getTime();
  if (!Number.isSafeInteger(crlNumber) || crlNumber < 0) throw new PkiError('INVALID_INPUT', 'crlNumber must be a non-negative safe integer');

  const seen = new Set<string>();
  const entries = input.revoked.map((entry): x509.X509CrlEntryParams => {
    const serialNumber = normalizeSerialNumber(entry.serialNumber);
    if (seen.has(serialNumber)) throw new PkiError('INVALID_INPUT', `serial number ${serialNumber} is listed twice`);
    seen.add(serialNumber);
    assertValidDate(entry.revokedAt, 'revokedAt');
    const reason = entry.reason ?? 'unspecified';
    if (!(REVOCATION_REASONS as readonly string[]).includes(reason)) throw new PkiError('INVALID_INPUT', `unknown revocation reason ${reason}`);
    return { serialNumber, revocationDate: entry.revokedAt, reason: x509.X509CrlReason[reason] };
  });

  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: issuer.certificate.subjectName,
      thisUpdate: input.now,
      nextUpdate: input.nextUpdate,
      signingKey: issuer.privateKey,
      signingAlgorithm: issuer.signingAlgorithm,
      entries,
      extensions: [
        new x509.AuthorityKeyIdentifierExtension(issuer.keyIdentifier, false),
        new x509.Extension(CRL_NUMBER_OID, false, encodeDerInteger(BigInt(crlNumber))),
      ],
    },
    webcrypto,
  );
  const der = new Uint8Array(crl.rawData);
  return { der, pem: encodePem(der, 'X509 CRL'), crlNumber };
}

const CRL_NUMBER_OID = '2.5.29.20';
