import { parsePlist, type PlistLimits } from '../plist/parse-plist.js';
import { PlistError } from '../plist/plist-error.js';
import type { PlistDict } from '../plist/plist-value.js';
import { AppleProtocolError } from './apple-protocol-error.js';
import { isDict } from './validate-against-spec.js';

/** Parses an MDM request body that must be a plist dictionary, turning codec failures into protocol errors. */
export function parseAppleBody(bytes: Uint8Array, limits: PlistLimits | undefined, what: string): PlistDict {
  let value;
  try {
    value = parsePlist(bytes, limits);
  } catch (error) {
    if (!(error instanceof PlistError)) throw error;
    const code = error.code === 'PLIST_TOO_LARGE' ? 'MDM_MESSAGE_TOO_LARGE' : 'MDM_MESSAGE_MALFORMED';
    throw new AppleProtocolError(code, `the ${what} is not an acceptable plist: ${error.message}`, [], { cause: error });
  }
  if (!isDict(value)) {
    throw new AppleProtocolError('MDM_MESSAGE_INVALID', `the ${what} is not a dictionary`, [{ path: '', code: 'WRONG_TYPE', message: 'expected a dictionary' }]);
  }
  return value;
}
