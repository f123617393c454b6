/**
 * @ward/simulator: virtual Ward agents that speak the real agent protocol (enroll, mTLS check-ins,
 * the push WebSocket, signed commands), many per process, for load tests and `npm run bench -- agents`.
 */
export { checkCommandAuthenticity, commandSigningKey, type CommandRefusal } from './command-authenticity.js';
export { createDeviceKey, encodeCsr, type DeviceKeyMaterial } from './device-key.js';
export { DeviceTls, type DeviceTlsOptions } from './device-tls.js';
export { certificateFingerprint, enrollVirtualDevice, type EnrollVirtualDeviceOptions } from './enroll.js';
export type { FleetWorkerCommand, FleetWorkerEvent, FleetWorkerOptions } from './fleet-messages.js';
export { FleetWorker, fleetWorkerPath, type ForkFleetWorkerOptions } from './fleet-process.js';
export { FleetCounters, sumFleetStats, type AcknowledgedResults, type FleetStats } from './fleet-stats.js';
export { readIdentityCache, writeIdentityCache } from './identity-cache.js';
export { Limiter } from './limiter.js';
export { backoffDelay, jitteredInterval } from './timing.js';
export { NoisePushChannel, noisePushOfferProblem, type NoisePushChannelOptions, type NoisePushEvents, type NoisePushFailure, type NoisePushFailureCode } from './noise-push-channel.js';
export { simulatorAgentVersion, VirtualAgent, type FleetPace, type PushChannelKind, type VirtualAgentContext, type VirtualIdentity } from './virtual-agent.js';
export { runVirtualAgents, VirtualFleet, type SteadyReport, type VirtualFleetOptions } from './virtual-fleet.js';
export { MockApns, mdmPayload, type MockApnsOptions, type ReceivedPush } from './apple/mock-apns.js';
export { createMockApnsAuthority, type MockApnsAuthority } from './apple/mock-apns-authority.js';
// Virtual Apple devices (H8): enroll from a .mobileconfig over SCEP, check in, answer MDM commands.
export { VirtualAppleDevice, type AppleDeviceAuthentication, type CommandSession, type IdentityFetch, type VirtualAppleDeviceOptions } from './apple/virtual-apple-device.js';
export { answerCommand, deviceInformation, readInstallableProfile, reportIdentity, securityInfo, simulatedErrors, type AppDownload, type AppleChannel, type AppleDeviceEvent, type CommandAnswer, type CommandContext } from './apple/answer-command.js';
export { appleDeviceKinds, createAppleHardware, type AppleDeviceKind, type AppleHardware } from './apple/apple-hardware.js';
export { initialAppleDeviceState, type AppleDeviceScript, type AppleDeviceState, type AppleErrorChainItem, type InstalledProfile, type ManagedApp, type StoreApp } from './apple/apple-device-state.js';
export { authenticateMessage, checkOutMessage, idleReport, tokenUpdateMessage, type TokenUpdateInput } from './apple/check-in-messages.js';
export { signMdmMessage } from './apple/mdm-signature.js';
export { enrollOverScep, getScepAuthority, getScepCapabilities, scepTransactionId, type ScepAlgorithms, type ScepAuthority, type ScepEndpoint, type ScepEnrollment, type ScepIdentity } from './apple/scep-client.js';
export { createSenderNonce, decodeCertRep, encodeScepRequest, type ScepCertRep, type ScepRequestInput } from './apple/scep-message.js';
export { fetchEnrollmentProfile, readEnrollmentProfile, type EnrollmentProfile, type MdmPayload, type ReadEnrollmentProfileOptions, type ScepPayload } from './apple/read-enrollment-profile.js';
export { createScepCsr, createSelfSignedCertificate, encodeSubjectName, generateRsaKey, type DeviceDigest, type RsaIdentity, type ScepSubject } from './apple/rsa-identity.js';
// Apple fleets for `npm run bench -- apple`: many virtual Apple devices per worker process.
export { AppleFleetDevices, type AppleFleetEnrollment, type AppleFleetOptions, type AppleIdleReport } from './apple/fleet-devices.js';
export { loadDeviceKeyPool, type DeviceKeyPool } from './apple/fleet-keys.js';
export type { AppleFleetWorkerCommand, AppleFleetWorkerEvent } from './apple/fleet-messages.js';
export { AppleFleetWorker, appleFleetWorkerPath, type ForkAppleFleetWorkerOptions } from './apple/fleet-process.js';
export { AppleFleetCounters, sumAppleFleetStats, type AppleFleetStats } from './apple/fleet-stats.js';
// Virtual apps with the Ward SDK (issue 7) for `npm run bench -- mam`: signed check-ins over the SDK protocol.
export { readCheckInAnswer, readRefusal, readRegistrationAnswer, type SdkCheckInAnswer, type SdkConfiguration, type SdkPrivateJwk, type SdkProtectionPolicy, type SdkPublicJwk, type SdkRefusal, type SdkRegistrationAnswer, type SdkWipeRequest } from './sdk/sdk-answers.js';
export { createSdkAppKey, sdkKeyFromJwk, sdkPrivateJwk, sdkProtocolPrefix, sdkPublicJwk, simulatorSdkVersion, VirtualSdkApp, type SdkAppPlatform, type SdkAppRegistration, type SdkCheckInOutcome, type SdkRegisterOutcome, type SignedSdkCheckIn, type VirtualSdkAppOptions } from './sdk/virtual-sdk-app.js';
export { SdkFleetApps, type SdkFleetOptions, type SdkPaceReport, type SdkPickupReport, type SdkPolicyPickup, type SdkSteadyReport } from './sdk/sdk-fleet-apps.js';
export type { SdkFleetWorkerCommand, SdkFleetWorkerEvent } from './sdk/sdk-fleet-messages.js';
export { SdkFleetWorker, sdkFleetWorkerPath, type ForkSdkFleetWorkerOptions } from './sdk/sdk-fleet-process.js';
export { SdkFleetCounters, sumSdkFleetStats, type SdkFleetStats } from './sdk/sdk-fleet-stats.js';
