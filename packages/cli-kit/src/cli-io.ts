/** A stream the CLI writes to. */
export interface CliStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * The process surroundings of a CLI, passed in so commands can be driven by tests: standard output
 * carries results meant for scripts (a token secret, `status --json`), standard error carries
 * progress, logs, warnings and errors.
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
