// The push certificate context's public face (re-exported from the core index).
export * from './create-push-certificate-request.js';
export * from './get-active-push-credential.js';
export * from './get-push-certificate-status.js';
export * from './model.js';
export * from './ports.js';
export * from './upload-push-certificate.js';
