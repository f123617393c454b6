import type { FastifyRequest } from 'fastify';
import { reportAppleCommandStatus, skipAppleCommand, type AppleChannel, type AppleSkipReason, type AppleCommandReport, type AppleErrorChainEntry, type BoundAppleSession } from '@ward/core';
import { CommandPayloadError, jsonToPlist } from '../normalize/plist-json.js';
import { normalizeCommandResult } from '../normalize/normalize-command-result.js';
import type { PlistDict } from '../plist/plist-value.js';
import { AppleProtocolError } from '../spec/apple-protocol-error.js';
import { decodeCommandReport, type CommandErrorChainItem, type CommandReport } from '../spec/decode-command-report.js';
import { encodeCommand, type CommandToEncode } from '../spec/encode-command.js';
import type { CommandRequestType } from '../spec/generated/commands.js';
import { MdmRouteError } from './mdm-route-error.js';
import type { AppleCommandToRender, ResolvedAppleMdmRouteOptions } from './mdm-route-options.js';
import { boundSession, mdmSession } from './mdm-session.js';

/** The command endpoint's answer: the next command as plist bytes, or nothing (an empty 200). */
export interface MdmConnectAnswer {
  readonly command?: Uint8Array;
}

/**
 * Commands in a row the server may find it cannot encode before it stops for this request; each is
 * finished as a CommandFormatError, so the queue moves on rather than resending it forever.
 */
const maxUnencodableInARow = 8;

/** The ErrorDomain of a CommandFormatError the server records for a command it could not encode. */
export const wardServerErrorDomain = 'WardServer';

/**
 * One request to the command endpoint (Apple, "Commands and queries"; issue 5 §5): decodes the
 * report, authenticates it (the device must be bound and the report must name it), normalises an
 * answer by its keys into facts, software, inventory and the profile list (only the key of the
 * command actually answered is read), and reports it with `reportAppleCommandStatus`, which decides
 * the next command. That command is rendered (the {@link AppleCommandRenderer} hook, else its JSON
 * payload, see `jsonToPlist`) and encoded against Apple's schema; one that cannot be is finished as
 * a CommandFormatError in the `WardServer` domain and the next one is tried.
 *
 * @throws {AppleProtocolError} for a body that is not a valid report; {@link MdmRouteError} for a
 * refused certificate or a refusal of the core (APPLE_COMMAND_NOT_SENT for a CommandUUID this
 * device was never sent).
 */
export async function handleConnect(request: FastifyRequest, body: Uint8Array, options: ResolvedAppleMdmRouteOptions): Promise<MdmConnectAnswer> {
  const report = decodeCommandReport(body, { maxBytes: options.maxConnectBytes });
  const session = boundSession(await mdmSession(request, body, options, { ...optional('udid', report.UDID), ...optional('enrollmentId', report.EnrollmentID) }));
  const userId = report.UserID ?? report.EnrollmentUserID;
  const channel: AppleChannel = userId === undefined ? 'device' : `user:${userId}`;
  const reply = await reportAppleCommandStatus(options.deps, session, await commandReport(report, channel, session, options));
  if (!reply.ok) throw MdmRouteError.from(reply);
  let next = reply.value.next;
  for (let attempt = 0; next !== undefined && attempt < maxUnencodableInARow; attempt++) {
    const encoded = await encodeNext(next, session, options);
    if (encoded instanceof Uint8Array) return { command: encoded };
    if ('skip' in encoded) {
      // Not a failure of the device's: the item is stale or does not apply, and core says so.
      const skipped = await skipAppleCommand(options.deps, session, { channel, commandUuid: next.commandUuid, reason: encoded.skip });
      if (!skipped.ok) throw MdmRouteError.from(skipped);
      next = skipped.value.next;
      continue;
    }
    request.log.error({ err: encoded, commandUuid: next.commandUuid, requestType: next.requestType }, 'Apple command cannot be encoded; finished as CommandFormatError');
    const failed = await reportAppleCommandStatus(options.deps, session, {
      channel,
      status: 'CommandFormatError',
      commandUuid: next.commandUuid,
      errorChain: [{ errorCode: 0, errorDomain: wardServerErrorDomain, localizedDescription: encoded.message.slice(0, 1000), usEnglishDescription: null }],
    });
    if (!failed.ok) throw MdmRouteError.from(failed);
    next = failed.value.next;
  }
  return {};
}

async function commandReport(report: CommandReport, channel: AppleChannel, session: BoundAppleSession, options: ResolvedAppleMdmRouteOptions): Promise<AppleCommandReport> {
  if (report.Status === 'Idle') return { channel, status: 'Idle' };
  const commandUuid = report.CommandUUID ?? '';
  // The RequestType is the queue's to say; the adapter only reads it to know which key to trust.
  // A command this device was not sent normalises to nothing; the core then refuses or ignores it.
  const pending = commandUuid.length > 0 && commandUuid.length <= 64 ? await options.deps.stores.getAppleCommand(session.device.tenantId, commandUuid.toLowerCase()) : undefined;
  const requestType = pending?.deviceId === session.device.id ? pending.requestType : 'unknown';
  const normalized = normalizeCommandResult(report.result, { requestType, personal: session.device.ownership === 'personal' });
  const { result, ...learned } = normalized;
  return {
    channel,
    status: report.Status,
    commandUuid,
    result,
    ...(report.ErrorChain.length === 0 ? {} : { errorChain: report.ErrorChain.map(errorChainEntry) }),
    ...(report.Status === 'Acknowledged' ? learned : {}),
  };
}

function errorChainEntry(item: CommandErrorChainItem): AppleErrorChainEntry {
  const code = typeof item.ErrorCode === 'bigint' ? Number(item.ErrorCode) : item.ErrorCode;
  return {
    errorCode: Number.isSafeInteger(code) ? code : 0,
    errorDomain: item.ErrorDomain,
    localizedDescription: item.LocalizedDescription ?? item.USEnglishDescription ?? '',
    usEnglishDescription: item.USEnglishDescription ?? null,
  };
}

/** The command's plist bytes, or the error that makes it unsendable. Other errors (the renderer's infrastructure) propagate. */
async function encodeNext(next: AppleCommandToRender, session: BoundAppleSession, options: ResolvedAppleMdmRouteOptions): Promise<Uint8Array | CommandPayloadError | AppleProtocolError | { readonly skip: AppleSkipReason }> {
  try {
    const made = await options.renderCommand?.(next, session);
    if (made !== undefined && 'skip' in made && isSkip(made)) return made;
    const rendered: PlistDict | undefined = made;
    const payload = rendered ?? jsonToPlist(next.payload);
    // encodeCommand checks the payload against Apple's schema for this RequestType at run time.
    const command = { commandUuid: next.commandUuid, requestType: next.requestType, payload } as unknown as CommandToEncode<CommandRequestType>;
    return encodeCommand(command);
  } catch (error) {
    if (error instanceof CommandPayloadError || error instanceof AppleProtocolError) return error;
    throw error;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Whether a renderer's answer is a skip rather than a Command dictionary (which has no `skip` object). */
function isSkip(value: object): value is { readonly skip: AppleSkipReason } {
  const skip = (value as { skip?: unknown }).skip;
  return typeof skip === 'object' && skip !== null && 'kind' in skip;
}
