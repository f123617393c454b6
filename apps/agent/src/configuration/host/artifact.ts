import { Type, type Static } from '@sinclair/typebox';

/**
 * One change Ward made to the machine for a profile, recorded before it is made so that removing
 * the profile (or re-applying it without that part) takes away exactly what Ward put there, even
 * after a crash between recording and doing. Paths are host paths (`/etc/...`), relocated under the
 * agent's root when used.
 */
export const Artifact = Type.Union([
  /** A file in Ward's own namespace (`ward-<id>…`): removing it is always right. */
  Type.Object({ type: Type.Literal('wardFile'), path: Type.String() }),
  /**
   * A file at a path Ward does not own by name (a custom profile's file, a missing system file Ward had to create). `sha256` is what Ward wrote: a file
   * changed since is left alone. `prior` is the content it replaced, kept in the state folder, or
   * null when there was none.
   */
  Type.Object({
    type: Type.Literal('placedFile'),
    path: Type.String(),
    sha256: Type.String(),
    prior: Type.Union([Type.Null(), Type.Object({ backup: Type.String(), mode: Type.Integer() })]),
  }),
  /** A block between Ward's markers inside a file that others own too (`/etc/login.defs`). */
  Type.Object({ type: Type.Literal('block'), path: Type.String(), marker: Type.String() }),
  /** A folder Ward created; removed when it is empty again. */
  Type.Object({ type: Type.Literal('dir'), path: Type.String() }),
  /** A systemd unit Ward enabled; `priorEnabled` is what to go back to. */
  Type.Object({ type: Type.Literal('unit'), unit: Type.String(), priorEnabled: Type.Boolean() }),
]);
export type Artifact = Static<typeof Artifact>;

/** Identifies an artifact across applies: the same key means the same thing on the machine. */
export function artifactKey(artifact: Artifact): string {
  switch (artifact.type) {
    case 'wardFile':
    case 'placedFile':
      return `file:${artifact.path}`;
    case 'block':
      return `block:${artifact.path}#${artifact.marker}`;
    case 'dir':
      return `dir:${artifact.path}`;
    case 'unit':
      return `unit:${artifact.unit}`;
  }
}
