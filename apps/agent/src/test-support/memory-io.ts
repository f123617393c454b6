import type { CliIo } from '@ward/cli-kit';

/** A {@link CliIo} that collects what the CLI writes. */
export function memoryIo(): CliIo & { out(): string; err(): string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    out: () => stdout,
    err: () => stderr,
  };
}
