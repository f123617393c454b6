import type { RenderedCertificate, ScepKeyUsage } from '@ward/core';
import { identityPayload, rootCertificatePayloads, type IdentityPacking } from './credential-payloads.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';
import { parseScepSubject } from './parse-scep-subject.js';

/** Apple's SCEP `Key Usage` bit mask: 1 signing, 4 encryption (com.apple.security.scep.yaml). */
const KEY_USAGE_BITS: Readonly<Record<ScepKeyUsage, number>> = { digitalSignature: 1, keyEncipherment: 4 };

/** Raised when a SCEP subject in a rendered item is not a distinguished name: profiles are validated on save. */
export class InvalidScepSubjectError extends Error {
  constructor() {
    super('the SCEP subject is not an RFC 4514 distinguished name');
    this.name = 'InvalidScepSubjectError';
  }
}

/**
 * A certificate profile's payloads: trusted roots as com.apple.security.root (one per certificate
 * in the PEM), a Ward-issued credential as com.apple.security.pkcs12, or an external SCEP
 * enrolment as com.apple.security.scep (URL, Challenge, Subject in Apple's nested array form,
 * Keysize, Key Type RSA, Key Usage bits).
 */
export function renderCertificatePayloads(factory: PayloadFactory, certificate: RenderedCertificate, name: string, packing: IdentityPacking): BuiltPayload[] {
  switch (certificate.type) {
    case 'trustedRoot':
      return rootCertificatePayloads(factory, 'root', [certificate.certificatePem]);
    case 'issued':
      return [identityPayload(factory, 'identity', name, certificate, packing)];
    case 'scep': {
      const subject = parseScepSubject(certificate.subject);
      if (subject === undefined) throw new InvalidScepSubjectError();
      const keyUsage = certificate.keyUsage.reduce((bits, usage) => bits | KEY_USAGE_BITS[usage], 0);
      return [
        factory.payload('scep', 'com.apple.security.scep', name, {
          PayloadContent: {
            URL: certificate.url,
            Challenge: certificate.challenge,
            Subject: subject.map((rdn) => rdn.map(([type, value]) => [type, value])),
            // Apple's Keysize range is 1024, 2048 or 4096: 3072 becomes the stronger 4096.
            Keysize: certificate.keySize === 3072 ? 4096 : certificate.keySize,
            'Key Type': 'RSA',
            'Key Usage': keyUsage,
          },
        }),
      ];
    }
  }
}
