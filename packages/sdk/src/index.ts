// `@ward/sdk`: the Ward app protection SDK for browser, Electron and Node apps
// (docs/protocols/sdk-v1.md, packages/sdk/README.md). Nothing here imports a `node:` module, so a
// browser bundle can take all of it; Node's file storage is in `@ward/sdk/node`.
export { WardSdk, MAX_PIN_LENGTH, type WardSdkOptions, type SdkState, type SdkUi, type Platform, type SaveLocation, type UnlockResult, type SetPinResult, type ExchangeResult } from './ward-sdk.js';
export { WardSdkError, sdkErrorCodes, type SdkErrorCode } from './errors.js';
export { SDK_VERSION } from './version.js';
export { sdkFlags, type SdkFlag, type BlockReason, type WipeReason } from './sdk-flags.js';
export type { Identity } from './identity.js';
export type { DataStore, StoreValue } from './data-stores.js';
export type { ClipboardGuard, CopyOutcome, PasteOutcome, SystemClipboard } from './clipboard-guard.js';
export { IDENTITY_ATTRIBUTE, PRINT_BLOCKED_ATTRIBUTE, type DomGuards } from './dom-guards.js';
export { clipboardLevels, type ClipboardLevel, type ProtectionPolicy, type JailbreakAction, type PinRetryAction } from './wire/protection-policy.js';
export type { AppConfiguration } from './wire/sdk-answers.js';
export type { FetchLike } from './wire/post-json.js';
export type { SdkStorage, StoredValue } from './storage/sdk-storage.js';
export { MemoryStorage } from './storage/memory-storage.js';
export { IndexedDbStorage } from './storage/indexed-db-storage.js';
export { PIN_KEY_ITERATIONS } from './crypto/pin-key.js';
export { APP_ASSERTION_LIFETIME_SECONDS } from './app-assertion.js';
