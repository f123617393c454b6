/** Why a request to the server failed, in the terms the agent acts on. */
export type AgentRequestFailure =
  /** No answer: DNS, refused, reset, TLS failure, timeout. Retry with backoff. */
  | 'network'
  /** The server answered with an error status; `status` and the server's `code` say which. */
  | 'http'
  /** The server answered 2xx with a body that is not what the protocol says. */
  | 'protocol';

// The server's codes for a device it no longer accepts (401 and 403 over HTTPS).
const authenticationCodes: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'DEVICE_CERTIFICATE_INVALID', 'DEVICE_CERTIFICATE_REVOKED', 'DEVICE_CERTIFICATE_EXPIRED', 'DEVICE_RETIRED']);

/** A failed agent request. The server's stable `code` is kept; its message is for people only. */
export class AgentRequestError extends Error {
  readonly failure: AgentRequestFailure;
  readonly status: number | undefined;
  readonly code: string | undefined;
  /** The server's machine-readable details of the error, if it sent any. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(failure: AgentRequestFailure, message: string, details: { status?: number; code?: string; details?: Readonly<Record<string, unknown>>; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'AgentRequestError';
    this.failure = failure;
    this.status = details.status;
    this.code = details.code;
    this.details = details.details;
  }

  /** Whether the server refused the device's credentials (revoked, unknown or expired certificate, retired device). */
  get isAuthenticationFailure(): boolean {
    // Over the push connection a refusal has a code but no HTTP status.
    return this.failure === 'http' && (this.status === 401 || this.status === 403 || (this.code !== undefined && authenticationCodes.has(this.code)));
  }
}
