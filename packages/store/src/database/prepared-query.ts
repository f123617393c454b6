import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A query compiled once, run with new values for its named parameters. */
export interface PreparedQuery<P, O> {
  /** Runs the query on `db` (the pool, or a transaction) with these values; returns its rows. */
  execute(db: Kysely<Schema>, values: P): Promise<O[]>;
  /** Like `execute`, but the number of rows it changed (UPDATE, DELETE). */
  executeChange(db: Kysely<Schema>, values: P): Promise<number>;
}

/**
 * Builds a query once, with a marker in place of each named parameter, and compiles it; each run
 * then only swaps the values in. Kysely otherwise builds and compiles the same SQL on every call,
 * which costs as much as running a primary-key lookup; this is for the queries every check-in runs.
 *
 * `build` receives markers typed as the values, and must use each one as a bound value (a
 * comparison or a SET value), which is checked here: a marker that ends up elsewhere throws.
 */
export function prepareQuery<P extends object, O>(db: Kysely<Schema>, names: readonly (keyof P & string)[], build: (params: P) => Compilable<O>): PreparedQuery<P, O> {
  const markers = new Map<string, keyof P & string>(names.map((name) => [`\u0000ward-param:${name}`, name]));
  const params = Object.fromEntries([...markers].map(([marker, name]) => [name, marker])) as P;
  const compiled = build(params).compile();
  // Where each parameter of the compiled query comes from: a named value, or a constant of the query.
  const slots = compiled.parameters.map((value) => (typeof value === 'string' ? markers.get(value) : undefined));
  for (const name of names) if (!slots.includes(name)) throw new Error(`Prepared query parameter ${name} is not a bound value of: ${compiled.sql}`);
  const bind = (values: P): CompiledQuery<O> => ({ ...compiled, parameters: slots.map((name, i) => (name === undefined ? compiled.parameters[i] : values[name])) });
  return {
    async execute(target, values) {
      return (await target.executeQuery(bind(values))).rows;
    },
    async executeChange(target, values) {
      return Number((await target.executeQuery(bind(values))).numAffectedRows ?? 0);
    },
  };
}
