/**
 * Every stable error code the domain can return, and the HTTP status each maps to. This is the one
 * table adapters use; clients match on the code, never on the message.
 */
export const errorStatus = {
  // generic request problems
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  INVALID_SORT: 400,
  INVALID_FILTER: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  // authentication and authorisation
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  INVALID_MFA_CODE: 401,
  ACCOUNT_LOCKED: 423,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  TENANT_NOT_FOUND: 404,
  // directory
  USER_NOT_FOUND: 404,
  USER_EMAIL_TAKEN: 409,
  GROUP_NOT_FOUND: 404,
  GROUP_NAME_TAKEN: 409,
  GROUP_RULE_INVALID: 400,
  GROUP_NOT_STATIC: 409,
  ADMIN_NOT_FOUND: 404,
  ROLE_ASSIGNMENT_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  LAST_GLOBAL_ADMIN: 409,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_PENDING: 409,
  IMPORT_INVALID: 400,
  // devices
  DEVICE_NOT_FOUND: 404,
  // enrollment and device identity
  ENROLLMENT_TOKEN_INVALID: 401,
  ENROLLMENT_TOKEN_EXPIRED: 401,
  ENROLLMENT_TOKEN_REVOKED: 401,
  ENROLLMENT_TOKEN_EXHAUSTED: 403,
  ENROLLMENT_TOKEN_NOT_FOUND: 404,
  ENROLLMENT_PLATFORM_NOT_ALLOWED: 403,
  ENROLLMENT_OS_TOO_OLD: 403,
  ENROLLMENT_PERSONAL_NOT_ALLOWED: 403,
  ENROLLMENT_DEVICE_LIMIT: 409,
  CSR_INVALID: 400,
  DEVICE_CERTIFICATE_INVALID: 401,
  DEVICE_CERTIFICATE_REVOKED: 401,
  DEVICE_CERTIFICATE_EXPIRED: 401,
  DEVICE_RETIRED: 403,
  // commands
  COMMAND_NOT_FOUND: 404,
  ACTION_NOT_ALLOWED: 409,
  // audit
  AUDIT_CHAIN_BROKEN: 409,
  // infrastructure
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** An infrastructure failure or a broken invariant: something no caller should have to handle. */
export class WardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WardError';
    this.code = code;
  }
}
