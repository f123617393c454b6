import { encodePlist } from '../plist/encode-plist.js';
import type { PlistDict } from '../plist/plist-value.js';
import { AppleProtocolError } from './apple-protocol-error.js';
import { commandSpec, type CommandRequestType, type CommandTypes } from './generated/commands.js';
import { isCommandRequestType } from './validate-command-response.js';
import { validateAgainstSpec } from './validate-against-spec.js';

/** What {@link encodeCommand} writes: one command of one RequestType. */
export interface CommandToEncode<T extends CommandRequestType> {
  readonly commandUuid: string;
  readonly requestType: T;
  /** The Command dictionary's keys besides RequestType, as Apple's schema for this RequestType has them. */
  readonly payload?: CommandTypes[T]['request'];
}

const utf8 = new TextEncoder();

/**
 * Writes the plist a device fetches from the ServerURL: `{ Command: { RequestType, …payload },
 * CommandUUID }` (Apple, "Commands and queries"). The payload is checked against the generated request
 * schema first, strictly: unlike what devices send, a key the schema does not know is refused,
 * because here it can only be a typo.
 *
 * @throws {AppleProtocolError} MDM_UNKNOWN_REQUEST_TYPE, or MDM_COMMAND_INVALID (with `problems`).
 */
export function encodeCommand<T extends CommandRequestType>(command: CommandToEncode<T>): Uint8Array {
  const { commandUuid, requestType } = command;
  if (!isCommandRequestType(requestType)) {
    throw new AppleProtocolError('MDM_UNKNOWN_REQUEST_TYPE', `unknown RequestType ${JSON.stringify(String(requestType).slice(0, 64))}`);
  }
  if (typeof commandUuid !== 'string' || commandUuid === '') throw new AppleProtocolError('MDM_COMMAND_INVALID', 'a command needs a CommandUUID');
  // The generated interfaces describe plist dictionaries; they lack only PlistDict's index signature.
  const payload = (command.payload ?? {}) as unknown as PlistDict;
  if (Object.hasOwn(payload, 'RequestType')) throw new AppleProtocolError('MDM_COMMAND_INVALID', 'RequestType goes in requestType, not in the payload');
  const validation = validateAgainstSpec({ table: commandSpec, root: commandSpec.roots[requestType].request }, payload);
  const unknown = validation.unknownKeys.map((path) => ({ path, code: 'UNKNOWN_KEY' as const, message: `${requestType} has no key ${path} in Apple's schema` }));
  if (!validation.ok || unknown.length > 0) {
    throw new AppleProtocolError('MDM_COMMAND_INVALID', `the ${requestType} command breaks Apple's schema`, [...(validation.ok ? [] : validation.problems), ...unknown]);
  }
  return utf8.encode(encodePlist({ Command: { RequestType: requestType, ...payload }, CommandUUID: commandUuid }));
}
