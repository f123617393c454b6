// The self-service context: what a signed-in person may do with their own devices (the portal).
export * from './create-my-enrollment-token.js';
export * from './explain-my-device-compliance.js';
export * from './get-my-account.js';
export * from './get-my-device.js';
export * from './it-access.js';
export * from './list-my-devices.js';
export * from './my-device.js';
export * from './own-device.js';
export * from './retire-my-device.js';
