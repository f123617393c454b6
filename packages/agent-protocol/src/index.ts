export * from './apps.js';
export * from './command-signing-input.js';
export * from './configuration.js';
export * from './limits.js';
export * from './noise/index.js';
export * from './schemas.js';
