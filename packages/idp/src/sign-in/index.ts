// Ward's sign-in pages and conditional access at the provider (issue 6 §2–§6).
export * from './access-check-policy.js';
export * from './app-assertion.js';
export * from './device-assertion.js';
export * from './enforce-access-on-tokens.js';
export * from './find-directory-account.js';
export * from './prove-device.js';
export * from './register-sign-in-routes.js';
export * from './revoke-device-grants-on-change.js';
export * from './sign-in-pages.js';
export * from './sign-in-state.js';
export * from './passkey-script.js';
export * from './passkey-verifier.js';
