import type { FastifyRequest } from 'fastify';
import {
  authenticateAppleDevice,
  checkOutAppleDevice,
  getAppleBootstrapToken,
  setAppleBootstrapToken,
  updateAppleTokens,
  type AppleAuthenticateMessage,
  type AppleTokenUpdateMessage,
  type ErrorCode,
  type Result,
} from '@ward/core';
import { parsePlist } from '../plist/parse-plist.js';
import type { PlistDict } from '../plist/plist-value.js';
import { AppleProtocolError } from '../spec/apple-protocol-error.js';
import { decodeCheckInMessage, type CheckInMessage, type CheckInMessageOf } from '../spec/decode-check-in-message.js';
import { isDict } from '../spec/validate-against-spec.js';
import { MdmRouteError } from './mdm-route-error.js';
import type { ResolvedAppleMdmRouteOptions } from './mdm-route-options.js';
import { boundSession, mdmOrigin, mdmSession, messageIdentity } from './mdm-session.js';

/** What an MDM endpoint answers: a status and, for some messages, a plist dictionary. */
export interface MdmAnswer {
  readonly status: 200 | 410;
  /** Written as an XML plist; absent: an empty body. */
  readonly plist?: PlistDict;
}

const empty: MdmAnswer = { status: 200 };

/**
 * One check-in request (Apple, "Check-in protocol"; issue 5 §4), decoded, authenticated and
 * dispatched on its MessageType:
 * - Authenticate → `authenticateAppleDevice`; TokenUpdate (device or user channel) →
 *   `updateAppleTokens`; CheckOut → `checkOutAppleDevice`; SetBootstrapToken →
 *   `setAppleBootstrapToken`: each an empty 200.
 * - GetBootstrapToken → a plist with BootstrapToken, or an empty dictionary when none is escrowed.
 * - UserAuthenticate → 410 Gone: Ward does not manage network users, and Apple's client then asks
 *   nothing more for that user this login session (Apple, "User Authenticate").
 * - DeclarativeManagement, GetToken → MDM_MESSAGE_UNSUPPORTED (501).
 * Only Authenticate is accepted from a certificate not yet bound to a device.
 *
 * @throws {AppleProtocolError} for a body that is not a valid check-in; {@link MdmRouteError} for a
 * refused certificate or a refusal of the core.
 */
export async function handleCheckIn(request: FastifyRequest, body: Uint8Array, options: ResolvedAppleMdmRouteOptions): Promise<MdmAnswer> {
  const message = decodeOrUserAuthenticate(body, options.maxCheckInBytes);
  if (message === 'UserAuthenticate') {
    // Still authenticated, so a stranger learns nothing, then declined.
    boundSession(await mdmSession(request, body, options, messageIdentity(parsedDict(body, options.maxCheckInBytes))));
    return { status: 410 };
  }
  const session = await mdmSession(request, body, options, messageIdentity(message));
  const { deps } = options;
  switch (message.MessageType) {
    case 'Authenticate':
      unwrap(await authenticateAppleDevice(deps, session, authenticateMessage(message), mdmOrigin(request)));
      return empty;
    case 'TokenUpdate':
      unwrap(await updateAppleTokens(deps, boundSession(session), tokenUpdateMessage(message)));
      return empty;
    case 'CheckOut':
      unwrap(await checkOutAppleDevice(deps, boundSession(session)));
      return empty;
    case 'SetBootstrapToken':
      unwrap(await setAppleBootstrapToken(deps, boundSession(session), message.BootstrapToken));
      return empty;
    case 'GetBootstrapToken': {
      const { bootstrapToken } = unwrap(await getAppleBootstrapToken(deps, boundSession(session)));
      return { status: 200, plist: bootstrapToken === null ? {} : { BootstrapToken: bootstrapToken } };
    }
    case 'UserAuthenticate':
      boundSession(session);
      return { status: 410 };
    case 'DeclarativeManagement':
    case 'GetToken':
      boundSession(session);
      throw new MdmRouteError('MDM_MESSAGE_UNSUPPORTED', `Ward does not support ${message.MessageType} yet.`, { messageType: message.MessageType });
  }
}

/**
 * Decodes a check-in. Apple's schema makes DigestResponse required in UserAuthenticate, yet the
 * first UserAuthenticate of a login carries none; such a message is recognised here so it can be
 * declined rather than refused as malformed.
 */
function decodeOrUserAuthenticate(body: Uint8Array, maxBytes: number): CheckInMessage | 'UserAuthenticate' {
  try {
    return decodeCheckInMessage(body, { maxBytes });
  } catch (error) {
    if (error instanceof AppleProtocolError && error.code === 'MDM_MESSAGE_INVALID' && parsedDict(body, maxBytes)['MessageType'] === 'UserAuthenticate') return 'UserAuthenticate';
    throw error;
  }
}

/** The body as a dictionary; called only after it decoded as a plist once. */
function parsedDict(body: Uint8Array, maxBytes: number): PlistDict {
  const value = parsePlist(body, { maxBytes });
  return isDict(value) ? value : {};
}

function unwrap<T>(result: Result<T, ErrorCode>): T {
  if (!result.ok) throw MdmRouteError.from(result);
  return result.value;
}

function authenticateMessage(message: CheckInMessageOf<'Authenticate'>): AppleAuthenticateMessage {
  const fields: Record<string, string | undefined> = {
    udid: message.UDID,
    enrollmentId: message.EnrollmentID,
    serialNumber: message.SerialNumber,
    model: message.Model,
    modelName: message.ModelName,
    productName: message.ProductName,
    osVersion: message.OSVersion,
    buildVersion: message.BuildVersion,
    deviceName: message.DeviceName,
    imei: message.IMEI,
    meid: message.MEID,
  };
  return { topic: message.Topic, ...definedOnly(fields) };
}

function tokenUpdateMessage(message: CheckInMessageOf<'TokenUpdate'>): AppleTokenUpdateMessage {
  // macOS user channels carry UserID; a User Enrollment's user channel carries EnrollmentUserID.
  const userId = message.UserID ?? message.EnrollmentUserID;
  return {
    topic: message.Topic,
    token: message.Token,
    pushMagic: message.PushMagic,
    ...(message.UnlockToken === undefined ? {} : { unlockToken: message.UnlockToken }),
    ...(userId === undefined ? {} : { user: { userId, ...definedOnly({ userShortName: message.UserShortName, userLongName: message.UserLongName }) } }),
  };
}

function definedOnly(fields: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
