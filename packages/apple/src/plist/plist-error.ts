/**
 * The stable codes with which {@link parsePlist} and {@link encodePlist} refuse input. Callers match
 * on these, never on the message.
 */
export const plistErrorCodes = [
  /** Not well-formed XML, or XML that is not a property list (unknown element, stray text, bad nesting). */
  'PLIST_MALFORMED',
  /** The input exceeds the byte limit. */
  'PLIST_TOO_LARGE',
  /** Dictionaries and arrays nest deeper than the depth limit. */
  'PLIST_TOO_DEEP',
  /** More elements than the element limit. */
  'PLIST_TOO_MANY_ELEMENTS',
  /** A string or key is longer than the string limit. */
  'PLIST_STRING_TOO_LONG',
  /** A binary (`bplist00`) or non-UTF-8 property list: only XML in UTF-8 is accepted. */
  'PLIST_UNSUPPORTED_FORMAT',
  /** A DOCTYPE other than Apple's, an internal DTD subset or an ENTITY declaration. */
  'PLIST_DTD_FORBIDDEN',
  /** The same key twice in one `<dict>`. */
  'PLIST_DUPLICATE_KEY',
  /** An `<integer>`, `<real>`, `<date>` or `<data>` whose text is not a valid value of its type. */
  'PLIST_INVALID_VALUE',
  /** A value {@link encodePlist} cannot write: a control character, an invalid Date, a cycle, a non-plist type. */
  'PLIST_UNENCODABLE',
] as const;

export type PlistErrorCode = (typeof plistErrorCodes)[number];

/** Where in the (decoded) text a problem was found: `offset` counts UTF-16 code units from the start. */
export interface PlistPosition {
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/**
 * The one error class of the plist codec. `code` is stable; `position` says where the parser stopped
 * (absent for encoding errors and for checks made before parsing, such as the byte limit).
 */
export class PlistError extends Error {
  override readonly name = 'PlistError';

  constructor(
    readonly code: PlistErrorCode,
    message: string,
    readonly position?: PlistPosition,
    options?: ErrorOptions,
  ) {
    super(position === undefined ? message : `${message} (line ${position.line}, column ${position.column})`, options);
  }
}
