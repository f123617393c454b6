import type { PlistLimits } from '../plist/parse-plist.js';
import { AppleProtocolError } from './apple-protocol-error.js';
import { checkInSpec, type CheckInMessageType, type CheckInMessageTypes } from './generated/checkin.js';
import { parseAppleBody } from './parse-apple-body.js';
import { validateAgainstSpec } from './validate-against-spec.js';

/** A decoded check-in message of one MessageType, with the exact bytes the device sent. */
export type CheckInMessageOf<T extends CheckInMessageType> = CheckInMessageTypes[T]['request'] & {
  /** The request body as received, for audit and debugging. */
  readonly raw: Uint8Array;
  /** Keys the schema does not know (newer devices send them), by path; their values are kept on the message. */
  readonly unknownKeys: readonly string[];
};

/** A decoded check-in message: a union discriminated on `MessageType`. */
export type CheckInMessage = { [T in CheckInMessageType]: CheckInMessageOf<T> }[CheckInMessageType];

/**
 * Decodes the body of a check-in request (Apple, "Check-in protocol": Authenticate, TokenUpdate,
 * CheckOut, UserAuthenticate, Get/SetBootstrapToken, DeclarativeManagement, GetToken) and validates it
 * against the generated schema of its MessageType (packages/apple/spec/mdm/checkin).
 *
 * @throws {AppleProtocolError} MDM_MESSAGE_MALFORMED or MDM_MESSAGE_TOO_LARGE (not a plist; `cause`
 * is the PlistError), MDM_UNKNOWN_MESSAGE_TYPE, MDM_MESSAGE_INVALID (with `problems`).
 */
export function decodeCheckInMessage(bytes: Uint8Array, limits?: PlistLimits): CheckInMessage {
  const dict = parseAppleBody(bytes, limits, 'check-in message');
  const messageType = dict['MessageType'];
  if (typeof messageType !== 'string') {
    throw new AppleProtocolError('MDM_MESSAGE_INVALID', 'the check-in message has no MessageType string', [
      { path: 'MessageType', code: messageType === undefined ? 'REQUIRED_KEY_MISSING' : 'WRONG_TYPE', message: 'MessageType must be a string' },
    ]);
  }
  if (!Object.hasOwn(checkInSpec.roots, messageType)) {
    throw new AppleProtocolError('MDM_UNKNOWN_MESSAGE_TYPE', `unknown check-in MessageType ${JSON.stringify(messageType.slice(0, 64))}`);
  }
  const root = checkInSpec.roots[messageType as CheckInMessageType];
  const validation = validateAgainstSpec({ table: checkInSpec, root: root.request }, dict);
  if (!validation.ok) {
    throw new AppleProtocolError('MDM_MESSAGE_INVALID', `the ${messageType} message breaks Apple's schema`, validation.problems);
  }
  // Validated against its MessageType's schema just above, which is what the generated type describes.
  return { ...dict, raw: bytes, unknownKeys: validation.unknownKeys } as unknown as CheckInMessage;
}
