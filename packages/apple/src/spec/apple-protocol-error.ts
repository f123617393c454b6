import type { SpecProblem } from './validate-against-spec.js';

/**
 * Every stable code of {@link AppleProtocolError} and the HTTP status an MDM endpoint answers it
 * with: the one table the transport uses. Devices see only the status; the code is for logs and tests.
 */
export const appleProtocolErrorStatus = {
  /** The body is not a well-formed XML plist (binary, bad XML, DTD, bad values). */
  MDM_MESSAGE_MALFORMED: 400,
  /** The body exceeds the plist byte limit. */
  MDM_MESSAGE_TOO_LARGE: 413,
  /** A check-in whose MessageType is missing from Apple's schema. */
  MDM_UNKNOWN_MESSAGE_TYPE: 400,
  /** A check-in or command report that breaks Apple's schema; `problems` says how. */
  MDM_MESSAGE_INVALID: 400,
  /** A command whose RequestType Apple's schema does not have. */
  MDM_UNKNOWN_REQUEST_TYPE: 400,
  /** A command the server built that breaks Apple's schema: a server bug, never sent. */
  MDM_COMMAND_INVALID: 500,
} as const;

export type AppleProtocolErrorCode = keyof typeof appleProtocolErrorStatus;

/**
 * The one error class of the Apple MDM protocol layer. Thrown where the problem is found and
 * rendered by one handler; callers match on `code`, never on the message. `cause` is the underlying
 * {@link PlistError} where there is one.
 */
export class AppleProtocolError extends Error {
  override readonly name = 'AppleProtocolError';
  readonly status: number;

  constructor(
    readonly code: AppleProtocolErrorCode,
    message: string,
    readonly problems: readonly SpecProblem[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = appleProtocolErrorStatus[code];
  }
}
