// The Noise push channel's public surface; the primitives behind it stay internal to this folder.
export { NoiseError, noiseErrorCodes, type NoiseErrorCode } from './noise-error.js';
export { NnPsk0Handshake, type NnPsk0HandshakeOptions } from './noise-handshake.js';
export { noisePushLimits, noisePushPath, noisePushProtocolName, noisePushTicketHeader } from './noise-push-constants.js';
export { NoisePushAssembler, sealNoisePushMessage } from './noise-push-frames.js';
export { acceptNoisePush, openNoisePush, type NoisePushOpening } from './noise-push-opening.js';
export { noisePushPrologue } from './noise-push-prologue.js';
export { NoiseSession, type NoiseSessionNonces } from './noise-session.js';
