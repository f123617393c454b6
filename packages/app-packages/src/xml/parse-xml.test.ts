import { describe, expect, it } from 'vitest';
import { attribute, childNamed, descendantsNamed, parseXml } from './parse-xml.js';

const limits = { maxDepth: 8, maxElements: 100 };

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA, entities and namespaces', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c --><a:root xmlns:a="urn:x" k="1 &amp; 2"><a:child n=\'&#x41;&#66;\'>t&lt;x<![CDATA[<raw>]]></a:child><b/></a:root>',
      limits,
      'doc',
    );
    expect(root.name).toBe('a:root');
    expect(attribute(root, 'k')).toBe('1 & 2');
    const child = childNamed(root, 'child');
    expect(child && attribute(child, 'n')).toBe('AB');
    expect(child?.text).toBe('t<x<raw>');
    expect(descendantsNamed(root, 'b')).toHaveLength(1);
  });

  it('reads UTF-16 with a byte order mark', () => {
    const text = '\ufeff<r v="ü"/>';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(attribute(parseXml(bytes, limits, 'doc'), 'v')).toBe('ü');
  });

  const refusals: [string, string, string][] = [
    ['a DOCTYPE', '<!DOCTYPE r SYSTEM "http://example.org/x.dtd"><r/>', 'PACKAGE_MALFORMED'],
    ['an entity declaration', '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', 'PACKAGE_MALFORMED'],
    ['an unknown entity', '<r>&e;</r>', 'PACKAGE_MALFORMED'],
    ['a bare ampersand', '<r>a & b</r>', 'PACKAGE_MALFORMED'],
    ['mismatched tags', '<r><a></b></r>', 'PACKAGE_MALFORMED'],
    ['an unclosed element', '<r><a>', 'PACKAGE_MALFORMED'],
    ['two roots', '<r/><s/>', 'PACKAGE_MALFORMED'],
    ['text outside the root', 'x<r/>', 'PACKAGE_MALFORMED'],
    ['a duplicate attribute', '<r a="1" a="2"/>', 'PACKAGE_MALFORMED'],
    ['an unquoted attribute', '<r a=1/>', 'PACKAGE_MALFORMED'],
    ['deep nesting', `${'<a>'.repeat(20)}${'</a>'.repeat(20)}`, 'PACKAGE_LIMIT_EXCEEDED'],
    ['too many elements', `<r>${'<a/>'.repeat(200)}</r>`, 'PACKAGE_LIMIT_EXCEEDED'],
    ['no element at all', '<?xml version="1.0"?>', 'PACKAGE_MALFORMED'],
  ];
  for (const [name, xml, code] of refusals) {
    it(`refuses ${name}`, () => {
      expect(() => parseXml(xml, limits, 'doc')).toThrow(expect.objectContaining({ code }));
    });
  }

  it('refuses bytes that are not UTF-8', () => {
    expect(() => parseXml(Uint8Array.of(0x3c, 0x72, 0xc3, 0x28, 0x2f, 0x3e), limits, 'doc')).toThrow(expect.objectContaining({ code: 'PACKAGE_MALFORMED' }));
  });
});
