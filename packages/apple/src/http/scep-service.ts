import type { ScepFailInfo, ScepRequestType } from '@ward/pki';

/** A verified, decrypted SCEP certificate request, as the enrollment use case sees it. */
export interface ScepEnrollmentRequest {
  /** PKCSReq (first enrollment, one-time challenge) or RenewalReq (signed by the current certificate). */
  readonly messageType: ScepRequestType;
  /** The client's transactionID (RFC 8894 §3.2.1.1), for logs and idempotency. */
  readonly transactionId: string;
  /** The CSR's challengePassword: the one-time challenge for PKCSReq; usually absent for RenewalReq. */
  readonly challengePassword: string | undefined;
  /** The PKCS#10 request, DER and PEM; its self-signature has been verified. */
  readonly csrDer: Uint8Array;
  readonly csrPem: string;
  /** The CSR subject as RFC 4514 text, for display only; Ward chooses the issued subject. */
  readonly csrSubject: string;
  /** The CSR's SubjectPublicKeyInfo, DER. */
  readonly csrPublicKeyDer: Uint8Array;
  /**
   * The certificate that signed the request, DER: for PKCSReq a self-signed certificate over the
   * CSR key; for RenewalReq the device's current certificate, which the service must check was
   * issued by Ward's CA, is valid and not revoked.
   */
  readonly signerCertificateDer: Uint8Array;
  /** The pkiMessage as received, for audit. */
  readonly raw: Uint8Array;
}

/** What the service decided. */
export type ScepDecision =
  | {
      readonly ok: true;
      /** The issued certificate, DER. */
      readonly certificateDer: Uint8Array;
      /** Certificates to return after it (e.g. the issuing CA), DER. */
      readonly chainDer?: readonly Uint8Array[];
    }
  | {
      readonly ok: false;
      /** The SCEP failInfo the client sees (RFC 8894 §3.2.1.4). */
      readonly failInfo: ScepFailInfo;
      /** Ward's stable error code (e.g. `SCEP_CHALLENGE_INVALID`), logged and sent as failInfoText. */
      readonly code: string;
    };

/** The port the SCEP route calls: decides on and issues certificates. */
export interface ScepService {
  /**
   * Decides on one enrollment: checks the one-time challenge (PKCSReq) or the current certificate
   * (RenewalReq), issues the certificate and records it. A refusal is a result, never an exception;
   * exceptions are infrastructure failures and become HTTP 500.
   */
  enroll(request: ScepEnrollmentRequest): Promise<ScepDecision>;
}
