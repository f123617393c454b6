/**
 * The runtime form of Apple's device-management schema (packages/apple/spec, format in Apple's
 * docs/schema.md), as scripts/generate-spec.mjs writes it into src/spec/generated. Plain data: a
 * table of dictionary rows, so that Apple's recursive structures (a home-screen folder holds pages
 * of icons, which hold folders) are rows that name each other by index.
 */

/** A value's type, as Apple's `type` field spells it without the angle brackets. */
export type SpecValueType = 'string' | 'integer' | 'real' | 'boolean' | 'date' | 'data' | 'array' | 'dictionary' | 'any';

/**
 * Whether a key must be present. `conditional`: Apple marks it required, but only some devices send
 * it (one platform, one channel, not in user enrollment, or newer than the message); typed optional
 * and not insisted on, because a validator of one message cannot know which device sent it.
 */
export type SpecPresence = 'required' | 'optional' | 'conditional';

/** One value: its type, the closed list of values it may take, and what it contains. */
export interface SpecNode {
  readonly type: SpecValueType;
  /** Apple's `rangelist`: the only values allowed. */
  readonly rangelist?: readonly (string | number)[];
  /** For a `dictionary`: the index of its row in {@link SpecTable.dicts}. Absent: any dictionary. */
  readonly subkeys?: number;
  /** For an `array`: what its elements may be (usually one node; several where Apple lists alternatives). */
  readonly items?: readonly SpecNode[];
}

/** A dictionary key: a node with a presence (absent: `optional`). */
export interface SpecKey extends SpecNode {
  readonly presence?: SpecPresence;
}

/** One dictionary's keys, and the node every other key's value matches when Apple allows any key (`ANY`). */
export interface SpecDict {
  readonly keys: Readonly<Record<string, SpecKey>>;
  readonly any?: SpecNode;
}

/** A generated area (check-in, commands, profiles): each id's request (and response) row, and the rows. */
export interface SpecTable<Id extends string = string> {
  readonly roots: Readonly<Record<Id, { readonly request: number; readonly response?: number }>>;
  readonly dicts: readonly SpecDict[];
}

/** What {@link validateAgainstSpec} checks a value against: a table and the row of the root dictionary. */
export interface SpecSchema {
  readonly table: SpecTable;
  readonly root: number;
}
