import type { PlistLimits } from '../plist/parse-plist.js';
import type { PlistDict } from '../plist/plist-value.js';
import { AppleProtocolError } from './apple-protocol-error.js';
import { parseAppleBody } from './parse-apple-body.js';
import type { SpecTable } from './spec-schema.js';
import { validateAgainstSpec } from './validate-against-spec.js';

/** The values of a command report's Status, as Apple spells them. */
export const commandStatuses = ['Idle', 'Acknowledged', 'Error', 'CommandFormatError', 'NotNow'] as const;
export type CommandStatus = (typeof commandStatuses)[number];

/** One entry of a report's ErrorChain, outermost error first. */
export interface CommandErrorChainItem {
  readonly ErrorCode: number | bigint;
  readonly ErrorDomain: string;
  readonly LocalizedDescription?: string;
  readonly USEnglishDescription?: string;
}

/**
 * A decoded report to the ServerURL (Apple, "Commands and queries": the device's answer to the last
 * command, or Idle when it asks for the next). Envelope fields keep Apple's names; `result` is the
 * whole dictionary, for {@link validateCommandResponse} and for storage.
 */
export interface CommandReport {
  readonly Status: CommandStatus;
  readonly UDID?: string;
  readonly EnrollmentID?: string;
  readonly UserID?: string;
  readonly EnrollmentUserID?: string;
  /** Absent only when Status is Idle. */
  readonly CommandUUID?: string;
  /** Empty unless the device sent one. */
  readonly ErrorChain: readonly CommandErrorChainItem[];
  readonly result: PlistDict;
  /** The request body as received, for audit and debugging. */
  readonly raw: Uint8Array;
}

/** The keys of a report that belong to the envelope rather than to one command's response. */
export const commandReportEnvelopeKeys: readonly string[] = [
  'Status', 'UDID', 'EnrollmentID', 'UserID', 'EnrollmentUserID', 'UserShortName', 'UserLongName', 'NotOnConsole', 'CommandUUID', 'ErrorChain', 'RequestType',
];

// Apple documents the envelope in prose rather than YAML, so its schema is written here, in the
// generated tables' format, and checked by the same validator.
const envelope: SpecTable<'report'> = {
  roots: { report: { request: 0 } },
  dicts: [
    {
      keys: {
        Status: { type: 'string', presence: 'required', rangelist: commandStatuses },
        UDID: { type: 'string' },
        EnrollmentID: { type: 'string' },
        UserID: { type: 'string' },
        EnrollmentUserID: { type: 'string' },
        UserShortName: { type: 'string' },
        UserLongName: { type: 'string' },
        NotOnConsole: { type: 'boolean' },
        CommandUUID: { type: 'string' },
        ErrorChain: { type: 'array', items: [{ type: 'dictionary', subkeys: 1 }] },
      },
      any: { type: 'any' },
    },
    {
      keys: {
        ErrorCode: { type: 'integer', presence: 'required' },
        ErrorDomain: { type: 'string', presence: 'required' },
        LocalizedDescription: { type: 'string' },
        USEnglishDescription: { type: 'string' },
      },
    },
  ],
};

/**
 * Decodes the body a device sends to the ServerURL. Validates the envelope only: Status, an identity
 * (UDID or EnrollmentID), CommandUUID unless Idle, ErrorChain entries. The response keys of the
 * command itself are checked by {@link validateCommandResponse}, because that needs the RequestType
 * of the command this report answers, which only the queue knows.
 *
 * @throws {AppleProtocolError} MDM_MESSAGE_MALFORMED / MDM_MESSAGE_TOO_LARGE (not a plist) or
 * MDM_MESSAGE_INVALID (with `problems`).
 */
export function decodeCommandReport(bytes: Uint8Array, limits?: PlistLimits): CommandReport {
  const dict = parseAppleBody(bytes, limits, 'command report');
  const validation = validateAgainstSpec({ table: envelope, root: 0 }, dict);
  const problems = validation.ok ? [] : [...validation.problems];
  if (dict['UDID'] === undefined && dict['EnrollmentID'] === undefined) {
    problems.push({ path: 'UDID', code: 'REQUIRED_KEY_MISSING', message: 'a report names its device by UDID or EnrollmentID' });
  }
  if (dict['Status'] !== 'Idle' && dict['CommandUUID'] === undefined) {
    problems.push({ path: 'CommandUUID', code: 'REQUIRED_KEY_MISSING', message: 'a report other than Idle names its CommandUUID' });
  }
  if (problems.length > 0) throw new AppleProtocolError('MDM_MESSAGE_INVALID', "the command report breaks Apple's schema", problems);
  const field = (key: string): string | undefined => dict[key] as string | undefined;
  return {
    Status: dict['Status'] as CommandStatus,
    ...optional('UDID', field('UDID')),
    ...optional('EnrollmentID', field('EnrollmentID')),
    ...optional('UserID', field('UserID')),
    ...optional('EnrollmentUserID', field('EnrollmentUserID')),
    ...optional('CommandUUID', field('CommandUUID')),
    ErrorChain: (dict['ErrorChain'] ?? []) as unknown as readonly CommandErrorChainItem[],
    result: dict,
    raw: bytes,
  };
}

// exactOptionalPropertyTypes-friendly: an absent field stays absent rather than present and undefined.
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
