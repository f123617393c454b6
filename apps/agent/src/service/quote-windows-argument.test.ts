import { describe, expect, it } from 'vitest';
import { quoteWindowsArgument, windowsCommandLine } from './quote-windows-argument.js';

describe('quoteWindowsArgument', () => {
  it.each([
    ['plain', 'plain'],
    ['C:\\', 'C:\\'],
    ['', '""'],
    ['C:\\Program Files\\nodejs\\node.exe', '"C:\\Program Files\\nodejs\\node.exe"'],
    // A backslash before the closing quote would escape it: doubled.
    ['C:\\Ward Root\\', '"C:\\Ward Root\\\\"'],
    ['a"b', '"a\\"b"'],
    // Backslashes before a quote: doubled, plus one for the quote.
    ['a\\"b', '"a\\\\\\"b"'],
    ['tab\there', '"tab\there"'],
    // Backslashes elsewhere are literal and stay single.
    ['\\\\server\\share\\a b', '"\\\\server\\share\\a b"'],
  ])('%j → %s', (arg, quoted) => {
    expect(quoteWindowsArgument(arg)).toBe(quoted);
  });

  it('joins a command line', () => {
    expect(windowsCommandLine(['C:\\Ward\\ward-agent.js', '--root', 'C:\\', 'run'])).toBe('C:\\Ward\\ward-agent.js --root C:\\ run');
  });
});
