import { buildSignedData, type CmsSigner } from './build-signed-data.js';
import { CMS_OID } from './cms-oids.js';

/** Who signs: the certificate and key, plus the chain to include for the verifier. */
export interface CmsAttachedSigner extends CmsSigner {
  /** Intermediate (and optionally root) certificates, DER, included after the signer's. */
  readonly chainDer: readonly Uint8Array[];
}

/**
 * Signs `content` as an attached CMS SignedData (RFC 5652 §5), DER, SHA-256, with signed attributes
 * contentType (id-data) and messageDigest; RSA PKCS#1 v1.5 or ECDSA by the key's type. This is the
 * form of a signed `.mobileconfig` (Apple "Signing and encrypting profiles").
 *
 * @throws PkiError `INVALID_INPUT` for a key that is neither RSA nor EC, or a malformed certificate.
 */
export function signCmsAttached(content: Uint8Array, signer: CmsAttachedSigner): Uint8Array {
  return buildSignedData({
    eContentType: CMS_OID.data,
    content,
    attached: true,
    certificates: [signer.certificateDer, ...signer.chainDer],
    signer,
    digest: 'sha256',
  });
}
