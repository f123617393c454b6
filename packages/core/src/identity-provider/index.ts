// The identity provider context's public face (re-exported from the core index).
export * from './create-relying-party.js';
export * from './delete-relying-party.js';
export * from './get-relying-party.js';
export * from './list-relying-parties.js';
export * from './model.js';
export * from './ports.js';
export * from './purge-expired-identity-provider-states.js';
export * from './relying-party-secret.js';
export * from './rotate-relying-party-secret.js';
export * from './update-relying-party.js';
export * from './validate-relying-party-input.js';
