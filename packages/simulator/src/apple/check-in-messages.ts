import type { PlistDict } from '@ward/apple';
import { reportIdentity, type AppleChannel } from './answer-command.js';
import type { AppleDeviceState } from './apple-device-state.js';

/**
 * Authenticate (Apple, mdm/checkin/authenticate.yaml): the first check-in after the identity is
 * installed. A user enrollment sends its EnrollmentID and no hardware identifiers.
 */
export function authenticateMessage(state: AppleDeviceState, topic: string): PlistDict {
  const { hardware } = state;
  const hardwareIds = hardware.kind === 'userEnrollment' ? {} : { SerialNumber: hardware.serialNumber, ...(hardware.imei !== undefined ? { IMEI: hardware.imei } : {}) };
  return {
    MessageType: 'Authenticate',
    Topic: topic,
    ...reportIdentity(state, 'device'),
    ...hardwareIds,
    Model: hardware.model,
    ModelName: hardware.modelName,
    ProductName: hardware.productName,
    OSVersion: hardware.osVersion,
    BuildVersion: hardware.buildVersion,
    DeviceName: hardware.deviceName,
  };
}

/** What a TokenUpdate carries besides the device's identity. */
export interface TokenUpdateInput {
  readonly topic: string;
  readonly channel: AppleChannel;
  /** The APNs device token: 32 bytes. */
  readonly token: Uint8Array;
  readonly pushMagic: string;
  /** iOS device channel only: what ClearPasscode needs back. */
  readonly unlockToken?: Uint8Array;
}

/** TokenUpdate (mdm/checkin/tokenupdate.yaml), for the device channel or a Mac's user channel. */
export function tokenUpdateMessage(state: AppleDeviceState, input: TokenUpdateInput): PlistDict {
  return {
    MessageType: 'TokenUpdate',
    Topic: input.topic,
    ...reportIdentity(state, input.channel),
    Token: input.token,
    PushMagic: input.pushMagic,
    ...(input.unlockToken && input.channel === 'device' ? { UnlockToken: input.unlockToken } : {}),
    ...(state.hardware.kind === 'Mac' && input.channel === 'device' ? { AwaitingConfiguration: false } : {}),
  };
}

/** CheckOut (mdm/checkin/checkout.yaml): sent when the MDM profile is removed and CheckOutWhenRemoved is set. */
export function checkOutMessage(state: AppleDeviceState, topic: string): PlistDict {
  return { MessageType: 'CheckOut', Topic: topic, ...reportIdentity(state, 'device') };
}

/** The Idle report that opens a command session (Apple, "Connecting to the MDM server"). */
export function idleReport(state: AppleDeviceState, channel: AppleChannel): PlistDict {
  return { Status: 'Idle', ...reportIdentity(state, channel) };
}
