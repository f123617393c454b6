import type { IssuerContext } from './issuer-context.js';
import type { ValidityPeriod } from './validity-period.js';
import { webcrypto, x509 } from './x509.js';

/** What differs between the end-entity certificates Ward issues. */
export interface LeafCertificateParams {
  /** The subject's public key: a CSR's key or a freshly generated one. */
  readonly publicKey: x509.PublicKey | webcrypto.CryptoKey;
  /** Whether the key is RSA, which decides the key usages. */
  readonly rsaKey: boolean;
  readonly subject: x509.Name;
  readonly serialNumber: string;
  readonly validity: ValidityPeriod;
  readonly extendedKeyUsage: 'clientAuth' | 'serverAuth';
  /** Extensions specific to this kind of certificate (e.g. subjectAltName). */
  readonly extraExtensions?: readonly x509.Extension[];
}

/**
 * Signs an end-entity certificate with the issuing CA: not a CA (critical basicConstraints), critical
 * keyUsage, one extendedKeyUsage, subject and authority key identifiers.
 */
export async function signLeafCertificate(issuer: IssuerContext, params: LeafCertificateParams): Promise<x509.X509Certificate> {
  // TLS 1.2 RSA key exchange encrypts the premaster secret to the server's key, and some Windows
  // enrollment stacks insist on keyEncipherment for RSA device keys; EC keys only ever sign.
  const usages = params.rsaKey
    ? ((x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment) as x509.KeyUsageFlags)
    : x509.KeyUsageFlags.digitalSignature;
  const eku = params.extendedKeyUsage === 'serverAuth' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: params.serialNumber,
      subject: params.subject,
      issuer: issuer.certificate.subjectName,
      notBefore: params.validity.notBefore,
      notAfter: params.validity.notAfter,
      publicKey: params.publicKey,
      signingKey: issuer.privateKey,
      signingAlgorithm: issuer.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usages, true),
        new x509.ExtendedKeyUsageExtension([eku], false),
        await x509.SubjectKeyIdentifierExtension.create(params.publicKey, false, webcrypto),
        new x509.AuthorityKeyIdentifierExtension(issuer.keyIdentifier, false),
        ...(params.extraExtensions ?? []),
      ],
    },
    webcrypto,
  );
}
