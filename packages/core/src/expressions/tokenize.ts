import { fail, ok, type Result } from '../kernel/result.js';

export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'word'; readonly value: string; readonly at: number }
  | { readonly kind: 'op'; readonly value: string; readonly at: number }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | '[' | ']' | ','; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

/** A rule's source may be this long at most; longer input is refused before it is read. */
export const maxRuleLength = 4096;

/** Splits rule text into tokens; refuses stray characters, unterminated strings and oversized input. */
export function tokenize(source: string): Result<Token[], 'RULE_SYNTAX'> {
  if (source.length > maxRuleLength) return fail('RULE_SYNTAX', `A rule may be at most ${maxRuleLength} characters long.`, { at: maxRuleLength });
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) return fail('RULE_SYNTAX', `Unterminated string starting at offset ${start}.`, { at: start });
        const d = source.charAt(i);
        if (d === c) break;
        if (d === '\\') {
          const e = source.charAt(i + 1);
          if (e !== '\\' && e !== '"' && e !== "'") return fail('RULE_SYNTAX', `Unknown escape \\${e} at offset ${i}.`, { at: i });
          value += e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', value, at: start });
      continue;
    }
    const num = /^-?\d+(\.\d+)?(?![\w.])/.exec(source.slice(i));
    if (num !== null) {
      tokens.push({ kind: 'number', value: Number(num[0]), at: start });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*/.exec(source.slice(i));
    if (word !== null) {
      tokens.push({ kind: 'word', value: word[0], at: start });
      i += word[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|<|>|&&|\|\||!)/.exec(source.slice(i));
    if (op !== null) {
      tokens.push({ kind: 'op', value: op[0], at: start });
      i += op[0].length;
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      tokens.push({ kind: 'punct', value: c, at: start });
      i++;
      continue;
    }
    return fail('RULE_SYNTAX', `Unexpected character ${JSON.stringify(c)} at offset ${start}.`, { at: start });
  }
  tokens.push({ kind: 'end', at: source.length });
  return ok(tokens);
}
