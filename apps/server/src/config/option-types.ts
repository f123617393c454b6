/** The outcome of reading one raw configuration value. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * How one option's raw value (a string from the environment or a flag, or a JSON value from the
 * config file) becomes a typed value. `message` completes the sentence "WARD_X: …".
 */
export interface OptionType<T> {
  /** For the docs: `integer (0–65535)`, `one of json, text`. */
  readonly label: string;
  parse(raw: unknown): Parsed<T>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** An integer within bounds; strings such as "8443" are accepted, "8443abc" and 1.5 are not. */
export function integer(min: number, max: number): OptionType<number> {
  const message = `must be an integer from ${min} to ${max}`;
  return {
    label: `integer (${min}–${max})`,
    parse(raw) {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) n = Number(raw);
      else return bad(message);
      return Number.isSafeInteger(n) && n >= min && n <= max ? ok(n) : bad(message);
    },
  };
}

/** A non-empty string, optionally matching a pattern that `rule` describes. */
export function text(rule?: { readonly pattern: RegExp; readonly message: string }): OptionType<string> {
  return {
    label: 'string',
    parse(raw) {
      if (typeof raw !== 'string' || raw.trim() === '') return bad('must be a non-empty string');
      const value = raw.trim();
      if (rule !== undefined && !rule.pattern.test(value)) return bad(rule.message);
      return ok(value);
    },
  };
}

const truths = ['true', '1', 'yes', 'on'];
const falsehoods = ['false', '0', 'no', 'off'];

/** A boolean: true/false, 1/0, yes/no, on/off. */
export function boolean(): OptionType<boolean> {
  return {
    label: 'boolean',
    parse(raw) {
      if (typeof raw === 'boolean') return ok(raw);
      if (typeof raw === 'string') {
        const v = raw.trim().toLowerCase();
        if (truths.includes(v)) return ok(true);
        if (falsehoods.includes(v)) return ok(false);
      }
      return bad('must be true or false');
    },
  };
}

/** One of a fixed set of words. */
export function oneOf<const V extends readonly string[]>(values: V): OptionType<V[number]> {
  const message = `must be one of ${values.join(', ')}`;
  return {
    label: `one of ${values.map((v) => `\`${v}\``).join(', ')}`,
    parse(raw) {
      if (typeof raw !== 'string') return bad(message);
      const v = raw.trim().toLowerCase();
      return (values as readonly string[]).includes(v) ? ok(v as V[number]) : bad(message);
    },
  };
}

/** A TCP port (0–65535) or one of a fixed set of words (`auto`, `off`). */
export function portOrWord<const V extends readonly string[]>(words: V): OptionType<number | V[number]> {
  const port = integer(0, 65535);
  const word = oneOf(words);
  const message = `must be a port (0–65535) or one of ${words.join(', ')}`;
  return {
    label: `port or one of ${words.map((w) => `\`${w}\``).join(', ')}`,
    parse(raw) {
      const asWord = word.parse(raw);
      if (asWord.ok) return asWord;
      const asPort = port.parse(raw);
      return asPort.ok ? asPort : bad(message);
    },
  };
}

/** A URL whose scheme is one of `schemes`. */
export function url(schemes: readonly string[]): OptionType<string> {
  const message = `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`;
  return {
    label: `URL (${schemes.join(', ')})`,
    parse(raw) {
      if (typeof raw !== 'string') return bad(message);
      try {
        const parsed = new URL(raw.trim());
        return schemes.includes(parsed.protocol.replace(/:$/, '')) ? ok(raw.trim()) : bad(message);
      } catch {
        return bad(message);
      }
    },
  };
}

/**
 * A list: comma-separated in the environment and flags, an array of strings in the file; every
 * item must pass `item`.
 */
export function list(item: OptionType<string>, one: string, many: string): OptionType<readonly string[]> {
  return {
    label: `list of ${many}`,
    parse(raw) {
      let items: unknown[];
      if (typeof raw === 'string') items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      else if (Array.isArray(raw)) items = raw;
      else return bad(`must be a comma-separated list of ${many}`);
      const values: string[] = [];
      for (const entry of items) {
        const parsed = item.parse(entry);
        if (!parsed.ok) return bad(`every item must be ${one}; ${JSON.stringify(entry)} is not`);
        values.push(parsed.value);
      }
      return ok(Object.freeze(values));
    },
  };
}
