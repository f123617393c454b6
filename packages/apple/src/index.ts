export type { PlistDict, PlistValue } from './plist/plist-value.js';
export { PlistReal } from './plist/plist-value.js';
export { ApnsClient, apnsProductionOrigin, type ApnsClientOptions, type ApnsNotification, type ApnsPushOutcome } from './apns/apns-client.js';
export { apnsBackoffDelay, type ApnsBackoffPolicy } from './apns/apns-backoff.js';
export { isApnsDeviceToken } from './apns/apns-device-token.js';
export { createPushCertificateCrypto, encodePushCsr, readPushCertificate, uidAttributeOid } from './apns/push-certificate-crypto.js';
// Plist codec and Apple's MDM schema (H2)
export { parsePlist, defaultPlistLimits, type PlistLimits } from './plist/parse-plist.js';
export { encodePlist } from './plist/encode-plist.js';
export { PlistError, plistErrorCodes, type PlistErrorCode, type PlistPosition } from './plist/plist-error.js';
export type { SpecDict, SpecKey, SpecNode, SpecPresence, SpecSchema, SpecTable, SpecValueType } from './spec/spec-schema.js';
export { validateAgainstSpec, isDict, type SpecProblem, type SpecProblemCode, type SpecValidation } from './spec/validate-against-spec.js';
export { AppleProtocolError, appleProtocolErrorStatus, type AppleProtocolErrorCode } from './spec/apple-protocol-error.js';
export { decodeCheckInMessage, type CheckInMessage, type CheckInMessageOf } from './spec/decode-check-in-message.js';
export { decodeCommandReport, commandStatuses, commandReportEnvelopeKeys, type CommandReport, type CommandStatus, type CommandErrorChainItem } from './spec/decode-command-report.js';
export { validateCommandResponse, isCommandRequestType } from './spec/validate-command-response.js';
export { encodeCommand, type CommandToEncode } from './spec/encode-command.js';
export { validateProfilePayload, isProfilePayloadType } from './spec/validate-profile-payload.js';
export { checkInSpec, type CheckInMessageType, type CheckInMessageTypes } from './spec/generated/checkin.js';
export { commandSpec, type CommandRequestType, type CommandTypes } from './spec/generated/commands.js';
export { profileSpec, type ProfilePayloadType, type ProfilePayloadTypes } from './spec/generated/profiles.js';
// Apple configuration profiles from policy items, the enrollment profile, profile signing (H5)
export { applePlatforms, type ApplePlatform } from './payloads/apple-platform.js';
export { renderAppleProfile, appleProfileIdentifier, type AppleProfile, type AppleProfileNotApplicable, type AppleProfileRendering, type RenderAppleProfileOptions } from './payloads/render-apple-profile.js';
export { UnreadableCredentialError } from './payloads/credential-payloads.js';
export { InvalidScepSubjectError } from './payloads/render-certificate-payloads.js';
export { signProfile, type ProfileSigner } from './payloads/sign-profile.js';
// Apps over MDM: InstallApplication / RemoveApplication payloads and the manifest (issue 7)
export { renderAppleAppCommand, type AppleAppCommandContext } from './payloads/render-apple-app-command.js';
export { buildAppManifest } from './payloads/build-app-manifest.js';
export { buildPkcs12, type Pkcs12Encryption, type Pkcs12Input } from './payloads/build-pkcs12.js';
export { buildEnrollmentProfile, InvalidEnrollmentProfileInput, FULL_ACCESS_RIGHTS, WARD_SERVER_CAPABILITIES, type EnrollmentProfileInput } from './enrollment-profile/build-enrollment-profile.js';
// SCEP endpoint (RFC 8894)
export { scepRoute, type ScepRouteOptions } from './http/scep-route.js';
export type { ScepDecision, ScepEnrollmentRequest, ScepService } from './http/scep-service.js';
// The MDM check-in and command endpoints, and command answers normalised into Ward's facts (H9)
export { appleMdmRoutes, mdmCheckInContentType, mdmConnectContentType } from './http/mdm-routes.js';
export { appleMdmRouteDefaults, resolveAppleMdmRouteOptions, type AppleMdmRouteOptions, type AppleMdmRouteStores, type AppleCertificateCheck, type AppleCommandRenderer, type AppleCommandToRender, type AppleRenderedCommand, type AppleAppDownloadOptions, type AppleAppPackageSender } from './http/mdm-route-options.js';
export { appleAppManifestRoute, appleAppPackageRoute } from './http/mdm-app-routes.js';
export { MdmRouteError, mdmRouteErrorStatus, sendMdmError, type MdmErrorBody, type MdmErrorCode, type MdmRouteErrorCode } from './http/mdm-route-error.js';
export { tlsPeerCertificate, mdmRequestCertificate, mdmSignatureHeader } from './http/mdm-request-certificate.js';
export { wardServerErrorDomain } from './http/mdm-connect.js';
export { normalizeCommandResult, commandResultKeys, type NormalizedCommandResult, type NormalizeCommandResultOptions } from './normalize/normalize-command-result.js';
export { managedApplicationList, maxManagedApplications } from './normalize/managed-application-list.js';
export { jsonToPlist, plistToJson, plistDataKey, plistDateKey, CommandPayloadError, type JsonValue } from './normalize/plist-json.js';
// The enrollment profile download
export { enrollmentProfileRoute, type EnrollmentProfilePlan, type EnrollmentProfileRequest, type EnrollmentProfileRouteOptions } from './http/enrollment-profile-route.js';
