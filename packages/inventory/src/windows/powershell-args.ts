/**
 * Arguments for `powershell.exe` that run `script`. The script travels as -EncodedCommand
 * (base64 of UTF-16LE) because Windows has no argv: quotes and pipes inside a -Command string
 * would be re-parsed by the command line rules of both the C runtime and PowerShell. The prelude
 * makes errors end the script with exit code 1, silences progress records, and asks for UTF-8
 * output (which, in Windows PowerShell 5.1, starts with a byte order mark that the parsers drop).
 */
export function powershellArgs(script: string): string[] {
  const prelude = "$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue';[Console]::OutputEncoding=[Text.Encoding]::UTF8;";
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(prelude + script, 'utf16le').toString('base64')];
}

/** The script inside arguments made by {@link powershellArgs}, for tests and logs. */
export function scriptOfPowershellArgs(args: readonly string[]): string | null {
  const at = args.indexOf('-EncodedCommand');
  const encoded = at === -1 ? undefined : args[at + 1];
  return encoded === undefined ? null : Buffer.from(encoded, 'base64').toString('utf16le');
}
