export type { PlistDict, PlistValue } from './plist/plist-value.js';
export { PlistReal } from './plist/plist-value.js';
