import { describe, expect, it } from 'vitest';
import { parsePlist } from './parse-plist.js';
import { PlistError, type PlistErrorCode } from './plist-error.js';
import { PlistReal, type PlistValue } from './plist-value.js';

const head = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
const doc = (body: string): string => `${head}<plist version="1.0">${body}</plist>`;

function refusal(input: string | Uint8Array, limits?: Parameters<typeof parsePlist>[1]): PlistError {
  try {
    parsePlist(input, limits);
  } catch (error) {
    if (error instanceof PlistError) return error;
    throw error;
  }
  throw new Error('expected a PlistError');
}

describe('parsePlist accepts', () => {
  it('every value type, with nesting, comments and whitespace', () => {
    const value = parsePlist(doc(`
      <!-- a comment -->
      <dict>
        <key>s</key><string>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42; é</string>
        <key>i</key><integer> -42 </integer>
        <key>big</key><integer>18446744073709551615</integer>
        <key>neg</key><integer>-9223372036854775808</integer>
        <key>r</key><real>1.5</real>
        <key>whole</key><real>2</real>
        <key>t</key><true/>
        <key>f</key><false></false>
        <key>d</key><date>2024-02-29T23:59:58Z</date>
        <key>b</key><data>
          AAEC
          /w==
        </data>
        <key>a</key><array><string/><dict/><array/><integer>1</integer></array>
        <key>empty</key><string></string>
        <key>cdata</key><string><![CDATA[<not markup> & raw]]></string>
      </dict>`));
    expect(value).toEqual({
      s: 'a <b> & "c" \'d\' AB é',
      i: -42,
      big: 18446744073709551615n,
      neg: -9223372036854775808n,
      r: 1.5,
      whole: new PlistReal(2),
      t: true,
      f: false,
      d: new Date(Date.UTC(2024, 1, 29, 23, 59, 58)),
      b: new Uint8Array([0, 1, 2, 255]),
      a: ['', {}, [], 1],
      empty: '',
      cdata: '<not markup> & raw',
    });
  });

  it('the older Apple Computer public identifier, no declaration, a BOM, and bytes', () => {
    const text = '\uFEFF<!DOCTYPE plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"><plist version="1.0"><string>x</string></plist>';
    expect(parsePlist(text)).toBe('x');
    expect(parsePlist(new TextEncoder().encode(text))).toBe('x');
    expect(parsePlist('<plist><integer>7</integer></plist>')).toBe(7);
  });

  it('reals written the way Apple writes special values', () => {
    expect(parsePlist(doc('<array><real>nan</real><real>+infinity</real><real>-inf</real><real>1e3</real><real>.5</real></array>'))).toEqual([
      Number.NaN, Infinity, -Infinity, new PlistReal(1000), 0.5,
    ]);
  });

  it('normalises CR and CRLF to LF but keeps a character reference to CR', () => {
    expect(parsePlist(doc('<string>a\r\nb\rc&#13;d</string>'))).toBe('a\nb\nc\rd');
  });

  it('a key named __proto__ as data, not as a prototype', () => {
    const value = parsePlist(doc('<dict><key>__proto__</key><string>x</string><key>constructor</key><true/></dict>')) as Record<string, PlistValue>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value['__proto__']).toBe('x');
  });
});

describe('parsePlist refuses', () => {
  const cases: [string, string | Uint8Array, PlistErrorCode][] = [
    ['a binary plist', new Uint8Array([...new TextEncoder().encode('bplist00'), 0xd0, 0x08]), 'PLIST_UNSUPPORTED_FORMAT'],
    ['a binary plist as a string', 'bplist00\u00d0', 'PLIST_UNSUPPORTED_FORMAT'],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), 'PLIST_UNSUPPORTED_FORMAT'],
    ['another declared encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><plist><true/></plist>', 'PLIST_UNSUPPORTED_FORMAT'],
    ['invalid UTF-8', new Uint8Array([0x3c, 0x70, 0xff, 0xfe, 0xfd]), 'PLIST_MALFORMED'],
    ['an internal DTD subset', '<!DOCTYPE plist [<!ENTITY x "y">]><plist><string>&x;</string></plist>', 'PLIST_DTD_FORBIDDEN'],
    ['a SYSTEM doctype', '<!DOCTYPE plist SYSTEM "file:///etc/passwd"><plist><true/></plist>', 'PLIST_DTD_FORBIDDEN'],
    ['an ENTITY declaration', '<!ENTITY x "y"><plist><true/></plist>', 'PLIST_DTD_FORBIDDEN'],
    ['an undeclared entity', doc('<string>&xxe;</string>'), 'PLIST_DTD_FORBIDDEN'],
    ['a bad character reference', doc('<string>&#0;</string>'), 'PLIST_MALFORMED'],
    ['a surrogate character reference', doc('<string>&#xD800;</string>'), 'PLIST_MALFORMED'],
    ['a bare ampersand', doc('<string>a & b</string>'), 'PLIST_MALFORMED'],
    ['a literal control character', doc('<string>a\u0001b</string>'), 'PLIST_MALFORMED'],
    ['a processing instruction', '<?php echo 1 ?><plist><true/></plist>', 'PLIST_MALFORMED'],
    ['an unknown element', doc('<foo/>'), 'PLIST_MALFORMED'],
    ['an attribute', doc('<string a="b">x</string>'), 'PLIST_MALFORMED'],
    ['another plist version', '<plist version="2.0"><true/></plist>', 'PLIST_MALFORMED'],
    ['mismatched tags', doc('<dict><key>a</key><string>x</integer></dict>'), 'PLIST_MALFORMED'],
    ['an unclosed dict', doc('<dict><key>a</key><string>x</string>'), 'PLIST_MALFORMED'],
    ['a key without value', doc('<dict><key>a</key></dict>'), 'PLIST_MALFORMED'],
    ['a value without key', doc('<dict><string>x</string></dict>'), 'PLIST_MALFORMED'],
    ['a key outside a dict', doc('<array><key>a</key></array>'), 'PLIST_MALFORMED'],
    ['an element inside a string', doc('<string>a<b/></string>'), 'PLIST_MALFORMED'],
    ['text between elements', doc('<array>oops<true/></array>'), 'PLIST_MALFORMED'],
    ['two root values', doc('<true/><false/>'), 'PLIST_MALFORMED'],
    ['an empty plist', doc(''), 'PLIST_MALFORMED'],
    ['content after the plist', `${doc('<true/>')}<x/>`, 'PLIST_MALFORMED'],
    ['an unterminated comment', doc('<!-- <true/>'), 'PLIST_MALFORMED'],
    ['a duplicate key', doc('<dict><key>a</key><true/><key>a</key><false/></dict>'), 'PLIST_DUPLICATE_KEY'],
    ['a non-decimal integer', doc('<integer>0x10</integer>'), 'PLIST_INVALID_VALUE'],
    ['an empty integer', doc('<integer></integer>'), 'PLIST_INVALID_VALUE'],
    ['an integer beyond 64 bits', doc('<integer>18446744073709551616</integer>'), 'PLIST_INVALID_VALUE'],
    ['an enormous integer', doc(`<integer>${'9'.repeat(5000)}</integer>`), 'PLIST_INVALID_VALUE'],
    ['a bad real', doc('<real>1.2.3</real>'), 'PLIST_INVALID_VALUE'],
    ['a date without zone', doc('<date>2024-01-01T00:00:00</date>'), 'PLIST_INVALID_VALUE'],
    ['an impossible date', doc('<date>2023-02-29T00:00:00Z</date>'), 'PLIST_INVALID_VALUE'],
    ['an impossible hour', doc('<date>2023-01-01T24:00:00Z</date>'), 'PLIST_INVALID_VALUE'],
    ['bad base64 characters', doc('<data>AA*=</data>'), 'PLIST_INVALID_VALUE'],
    ['base64 without padding', doc('<data>AAE</data>'), 'PLIST_INVALID_VALUE'],
    ['base64 with inner padding', doc('<data>AA==AAAA</data>'), 'PLIST_INVALID_VALUE'],
    ['JSON', '{"a":1}', 'PLIST_MALFORMED'],
    ['nothing', '', 'PLIST_MALFORMED'],
  ];
  it.each(cases)('%s', (_name, input, code) => {
    const error = refusal(input);
    expect(error.code).toBe(code);
  });

  it('reports where it stopped', () => {
    const error = refusal(`${head}<plist version="1.0">\n<dict>\n  <key>a</key>\n  <oops/>\n</dict></plist>`);
    expect(error.position).toMatchObject({ line: 6, column: 3 });
  });
});

describe('parsePlist limits', () => {
  it('bytes, before parsing', () => {
    expect(refusal(doc('<string>12345</string>'), { maxBytes: 100 }).code).toBe('PLIST_TOO_LARGE');
    expect(refusal(new TextEncoder().encode(doc('<string>12345</string>')), { maxBytes: 100 }).code).toBe('PLIST_TOO_LARGE');
    // A string counts in UTF-8 bytes, not UTF-16 code units.
    expect(refusal(`<plist><string>${'é'.repeat(60)}</string></plist>`, { maxBytes: 120 }).code).toBe('PLIST_TOO_LARGE');
    expect(parsePlist(`<plist><string>${'é'.repeat(40)}</string></plist>`, { maxBytes: 120 })).toBe('é'.repeat(40));
  });

  it('depth: exactly the limit passes, one more is refused, and deep hostile nesting never overflows the stack', () => {
    const nest = (n: number): string => doc(`${'<array>'.repeat(n)}${'</array>'.repeat(n)}`);
    expect(() => parsePlist(nest(64))).not.toThrow();
    expect(refusal(nest(65)).code).toBe('PLIST_TOO_DEEP');
    expect(refusal(nest(250_000), { maxDepth: 1_000_000, maxBytes: 10_000_000 }).code).toBe('PLIST_TOO_MANY_ELEMENTS');
    expect(() => parsePlist(nest(150_000), { maxDepth: 1_000_000, maxBytes: 10_000_000 })).not.toThrow();
  });

  it('elements', () => {
    const items = (n: number): string => doc(`<array>${'<true/>'.repeat(n)}</array>`);
    expect(() => parsePlist(items(9), { maxElements: 10 })).not.toThrow();
    expect(refusal(items(10), { maxElements: 10 }).code).toBe('PLIST_TOO_MANY_ELEMENTS');
  });

  it('string and key length, counted after entity expansion', () => {
    expect(parsePlist(doc('<string>12345</string>'), { maxStringLength: 5 })).toBe('12345');
    expect(refusal(doc('<string>123456</string>'), { maxStringLength: 5 }).code).toBe('PLIST_STRING_TOO_LONG');
    expect(refusal(doc('<dict><key>123456</key><true/></dict>'), { maxStringLength: 5 }).code).toBe('PLIST_STRING_TOO_LONG');
    expect(refusal(doc('<string>&amp;&amp;&amp;&amp;&amp;&amp;</string>'), { maxStringLength: 5 }).code).toBe('PLIST_STRING_TOO_LONG');
  });
});

describe('parsePlist under random damage', () => {
  // A fixed-seed generator, so a failure reproduces.
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }
  const sample = doc('<dict><key>a</key><array><string>x &amp; y</string><integer>12</integer><real>1.5</real><date>2024-01-01T00:00:00Z</date><data>AAEC</data><true/><dict/></array><key>b</key><string><![CDATA[z]]></string></dict>');
  const alphabet = '<>/&;#="\' !-[]?xabdefgiklnprstuy0123456789\u0000\uD800é';

  it('truncation and mutation raise only PlistError', () => {
    const next = random(20240501);
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      let text = sample;
      if (round % 3 === 0) text = text.slice(0, Math.floor(next() * text.length));
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const ch = alphabet[Math.floor(next() * alphabet.length)] ?? '';
        const op = next();
        text = op < 0.4 ? text.slice(0, at) + ch + text.slice(at + 1) : op < 0.7 ? text.slice(0, at) + ch + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      }
      try {
        parsePlist(text);
      } catch (error) {
        expect(error).toBeInstanceOf(PlistError);
        refused++;
      }
    }
    // Most damage must be noticed; a few edits (inside text) legitimately still parse.
    expect(refused).toBeGreaterThan(1500);
  });
});
