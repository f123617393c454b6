// The admin REST API's public face: the server builds it, tests drive it.
export { buildApi, connectedAgents, type WardApi } from './build-api.js';
export { apiPrefix } from './api-prefix.js';
export {
  apiDefaults,
  type AgentOptions,
  type ApiMetrics,
  type ApiOptions,
  type ClientCertificateCheck,
  type ClientCertificateVerifier,
  type RateWindow,
  type ReadinessReport,
  type RequestSample,
  type UserAccessTokenOwner,
  type UserAccessTokenVerifier,
} from './api-options.js';
export { enrollCommand, enrollCommandSettings, type EnrollCommandSettings } from './enroll-command.js';
export { NoisePushTickets, type IssuedNoisePushTicket, type OpenedNoisePushTicket } from './noise-push/noise-push-tickets.js';
export { ErrorBody, errorBody } from './error-body.js';
export { requestIdHeader } from './request-id.js';
export { trustedPeer } from './trusted-peer.js';
// Range handling of package downloads, shared with Apple MDM's app downloads (packages/apple's /mdm/apps).
export { ifNoneMatchMatches, ifRangeAllows, parseRange, type ByteRange, type RangeRequest } from './byte-range.js';
export { sha256DigestHeader } from './content-digest.js';
export { attachmentDisposition, sendAppPackage, type AppPackageFile, type AppPackageSendFailure, type SendAppPackageOptions } from './send-app-package.js';
export { publicRoute } from './route-access.js';
export { consoleSignInRoutes, type ConsoleSignInRoutesOptions, type ConsoleTokenHolder } from './routes/console-sign-in.js';
export { sdkApiPrefix, sdkRoutes, type SdkRoutesOptions } from './routes/sdk.js';
