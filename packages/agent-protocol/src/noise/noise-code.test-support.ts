import { NoiseError, type NoiseErrorCode } from './noise-error.js';

/** The code of the NoiseError `action` throws; fails the test when it throws anything else or nothing. */
export function noiseCode(action: () => unknown): NoiseErrorCode {
  try {
    action();
  } catch (error) {
    if (error instanceof NoiseError) return error.code;
    throw error;
  }
  throw new Error('expected a NoiseError, but nothing was thrown');
}
