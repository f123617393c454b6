// Ward's OpenID Connect provider (issue 6 §1): the provider, its storage adapter, keys and mount.
export * from './client-metadata.js';
export * from './console-client.js';
export * from './create-identity-provider.js';
export * from './federation/index.js';
export * from './interactions.js';
export * from './mount-identity-provider.js';
export * from './signing-keys.js';
export * from './sign-in/index.js';
export * from './state-adapter.js';
export * from './user-access-token.js';
