/**
 * Expected outcomes of a use case. A failure carries a stable code (never matched by message text),
 * a human message and optional details such as the offending field. Exceptions stay for bugs and
 * infrastructure failures.
 */
export type Result<T, C extends string = string> = Ok<T> | Failure<C>;

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Failure<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function fail<C extends string>(code: C, message: string, details?: Record<string, unknown>): Failure<C> {
  return details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
}
