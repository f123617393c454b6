import type { LogLevel } from '../config/agent-config.js';

/** Where the agent writes what it does; one line per event, on standard error (journald, launchd log). */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const rank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A logger writing `<ISO time> <LEVEL> <message>` lines at `level` and above to `stream`. */
export function createLogger(stream: { write(text: string): unknown }, level: LogLevel, clock: () => Date = () => new Date()): Logger {
  const line = (at: LogLevel) => (message: string): void => {
    if (rank[at] <= rank[level]) stream.write(`${clock().toISOString()} ${at.toUpperCase()} ${message}\n`);
  };
  return { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
}
