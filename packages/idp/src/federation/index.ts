// Federated sign-in at upstream OpenID providers (issue 6 §2).
export * from './federation-state.js';
export * from './register-federated-sign-in.js';
export * from './upstream-client.js';
