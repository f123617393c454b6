import type { DestinationStream } from 'pino';

const omitted = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  // JSON.parse output only: every value has a JSON text.
  return JSON.stringify(value);
}

/**
 * pino output as one plain line per record, for people reading a terminal:
 * `2025-01-02T03:04:05.678Z INFO  server listening url=https://…`. It reformats the JSON pino
 * writes after redaction, so secrets are already censored here.
 */
export function createTextLogStream(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const time = typeof record.time === 'string' ? record.time : '';
      const level = typeof record.level === 'string' ? record.level.toUpperCase() : 'INFO';
      const fields = Object.entries(record)
        .filter(([key]) => !omitted.has(key))
        .map(([key, value]) => `${key}=${renderValue(value)}`);
      const message = typeof record.msg === 'string' ? record.msg : '';
      out.write(`${[time, level.padEnd(5), message, ...fields].filter((part) => part !== '').join(' ')}\n`);
    },
  };
}
