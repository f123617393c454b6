/**
 * A property list value as Apple's XML plist format carries it. Dictionaries are plain objects with
 * no prototype (so a key named `__proto__` is data, not a prototype), arrays are arrays, `<data>` is
 * bytes, `<date>` is a Date. `<integer>` decodes to a number when it is a safe integer and to a
 * bigint otherwise; `<real>` decodes to a {@link PlistReal} only when it holds a whole number (so the
 * distinction survives a round trip), otherwise to a number.
 */
export type PlistValue = string | number | bigint | boolean | Date | Uint8Array | PlistReal | readonly PlistValue[] | PlistDict;

/** A `<dict>`. */
export interface PlistDict {
  readonly [key: string]: PlistValue;
}

/** A `<real>` whose value is whole: encoded as `<real>`, where a bare whole number encodes as `<integer>`. */
export class PlistReal {
  constructor(readonly value: number) {}
}
