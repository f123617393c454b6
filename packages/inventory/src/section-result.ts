/**
 * The outcome of reading one part of the machine. A section that cannot be read says why instead
 * of throwing or guessing, so the server can tell "unknown" from "false".
 */
export type SectionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A section that was read. */
export function available<T>(value: T): SectionResult<T> {
  return { ok: true, value };
}

/** A section that could not be read, with a reason a person can act on. */
export function unavailable(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/** Feeds a read section to the next step (typically its parser); an unavailable one passes through. */
export function andThen<T, U>(result: SectionResult<T>, next: (value: T) => SectionResult<U>): SectionResult<U> {
  return result.ok ? next(result.value) : result;
}
