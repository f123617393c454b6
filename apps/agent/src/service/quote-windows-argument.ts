/**
 * One argument quoted so that the Microsoft C runtime (and `CommandLineToArgvW`) parses it back
 * unchanged: what `node.exe` and most Windows programs do with their command line. Backslashes
 * are literal except before a double quote, so runs of them before a quote, or before the closing
 * quote, are doubled.
 *
 * @see https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments
 */
export function quoteWindowsArgument(arg: string): string {
  if (arg !== '' && !/[ \t\n\v"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes++;
      continue;
    }
    quoted += char === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${char}`;
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/** Arguments joined into one Windows command line, each quoted by {@link quoteWindowsArgument}. */
export function windowsCommandLine(args: readonly string[]): string {
  return args.map(quoteWindowsArgument).join(' ');
}
