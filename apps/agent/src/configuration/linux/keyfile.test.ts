import { describe, expect, it } from 'vitest';
import { escapeKeyfileValue, keyfileList, keyfileSsid, renderKeyfile } from './keyfile.js';

describe('key files', () => {
  it('escapes values so they stay on their line, as GLib reads them back', () => {
    expect(escapeKeyfileValue('a\\b')).toBe('a\\\\b');
    expect(escapeKeyfileValue('line\n[group]\nkey=value')).toBe('line\\n[group]\\nkey=value');
    expect(escapeKeyfileValue('\tx\r')).toBe('\\tx\\r');
    expect(escapeKeyfileValue('  lead')).toBe('\\s lead');
    expect(() => escapeKeyfileValue('nul\u0000byte')).toThrow(/control characters/);
    expect(() => escapeKeyfileValue('bell\u0007')).toThrow(/control characters/);
  });

  it('renders groups in order and leaves out absent values', () => {
    expect(renderKeyfile(['# header'], [{ name: 'a', entries: [['k', 'v'], ['skip', undefined]] }, { name: 'b', entries: [] }])).toBe('# header\n\n[a]\nk=v\n\n[b]\n');
    expect(() => renderKeyfile([], [{ name: 'bad]\n[x', entries: [] }])).toThrow(/group named/);
    expect(() => renderKeyfile([], [{ name: 'a', entries: [['k=x', 'v']] }])).toThrow(/key named/);
  });

  it('writes lists with a trailing separator and refuses the separator inside an item', () => {
    expect(keyfileList(['10.0.0.0/8', '::/0'])).toBe('10.0.0.0/8;::/0;');
    expect(keyfileList([])).toBeUndefined();
    expect(() => keyfileList(['a;b'])).toThrow(/contains ";"/);
  });

  it('writes plain SSIDs as text and anything NetworkManager could misread as bytes', () => {
    expect(keyfileSsid('Corp WiFi')).toBe('Corp WiFi');
    expect(keyfileSsid('123')).toBe('49;50;51;');
    expect(keyfileSsid(' lead')).toBe('32;108;101;97;100;');
    expect(keyfileSsid('café')).toBe('99;97;102;195;169;');
  });
});
