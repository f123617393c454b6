import { pino, type DestinationStream, type Logger } from 'pino';
import { redactPaths } from './redact-paths.js';
import { createTextLogStream } from './text-log-stream.js';

/** How the logger writes. */
export interface LoggerOptions {
  readonly level: string;
  readonly format: 'json' | 'text';
  /** Standard error unless a test passes another. */
  readonly destination?: { write(text: string): unknown };
  /** Fields on every line (`{ component: 'cli' }`). */
  readonly base?: Readonly<Record<string, unknown>>;
}

/** The censor shown in place of a secret. */
export const redactedText = '[redacted]';

/**
 * The process logger: pino with every secret-looking field (authorization headers, cookies,
 * passwords, TOTP codes, tokens, keys) censored before it is serialised. Logs go to standard error
 * so that standard output carries only what commands print on purpose (a one-time password, a
 * token secret) and can be piped.
 */
export function createLogger(options: LoggerOptions): Logger {
  const out = options.destination ?? process.stderr;
  const destination: DestinationStream = options.format === 'text' ? createTextLogStream(out) : { write: (line: string) => void out.write(line) };
  return pino(
    {
      level: options.level,
      base: options.base === undefined ? { pid: process.pid } : { pid: process.pid, ...options.base },
      redact: { paths: redactPaths(), censor: redactedText },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: collectors and people both read `"level":"warn"`.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
