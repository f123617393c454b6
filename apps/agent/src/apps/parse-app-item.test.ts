import { NO_HASH, type AppItem } from '@ward/agent-protocol';
import { describe, expect, it } from 'vitest';
import { MAX_PACKAGE_BYTES, parseAppItem } from './parse-app-item.js';

const hash = 'a'.repeat(64);
const sha = 'b'.repeat(64);
const debItem = (source: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'app-1',
  hash,
  name: 'Hello',
  version: '1.0',
  source: { kind: 'package', format: 'deb', url: '/agent/v1/app-packages/v-1', sha256: sha, size: 1000, identifier: 'hello', version: '1.0', ...source },
});

function errorOf(value: unknown, entry: 'install' | 'remove' = 'install'): string {
  const parsed = parseAppItem(value, entry);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.error;
}

describe('parseAppItem', () => {
  it('accepts each source kind the protocol defines', () => {
    const items: AppItem[] = [
      { id: 'a', hash, name: 'curl', version: '', source: { kind: 'apt', package: 'curl' } },
      { id: 'b', hash, name: 'htop', version: '', source: { kind: 'dnf', package: 'htop' } },
      { id: 'c', hash, name: 'Firefox', version: '', source: { kind: 'flatpak', remote: 'flathub', ref: 'org.mozilla.firefox' } },
      { id: 'd', hash, name: 'Code', version: '', source: { kind: 'snap', name: 'code', channel: 'latest/stable', classic: true } },
      debItem() as unknown as AppItem,
      { id: 'f', hash, name: 'Tool', version: '2', source: { kind: 'package', format: 'msi', url: '/agent/v1/app-packages/x', sha256: sha, size: 5, identifier: '{12345678-1234-1234-1234-123456789ABC}', version: '2' } },
    ];
    for (const item of items) expect(parseAppItem(item, 'install')).toEqual({ ok: true, app: item });
    expect(parseAppItem({ id: 'a', hash, name: 'curl', source: { kind: 'apt', package: 'curl' } }, 'remove')).toEqual({ ok: true, app: { id: 'a', hash, name: 'curl', version: '', source: { kind: 'apt', package: 'curl' } } });
  });

  it('reports an unknown source kind or package format with the id and hash, so it can be reported failed', () => {
    expect(parseAppItem({ ...debItem(), source: { kind: 'brew', package: 'x' } }, 'install')).toEqual({
      ok: false,
      id: 'app-1',
      hash,
      error: 'unknown source kind "brew": this agent installs from apt, dnf, flatpak, snap, package',
    });
    expect(errorOf(debItem({ format: 'exe' }))).toBe('unknown package format "exe": Ward serves deb, rpm, appimage, pkg, msi, msix, ipa, apk');
    expect(errorOf({ ...debItem(), source: 'apt:curl' })).toBe('source: not an object');
  });

  it('refuses a malformed sha256, a size that is not a positive integer, and extra source fields', () => {
    expect(errorOf(debItem({ sha256: 'B'.repeat(64) }))).toMatch(/^source\/sha256: /);
    expect(errorOf(debItem({ sha256: 'b'.repeat(63) }))).toMatch(/^source\/sha256: /);
    expect(errorOf(debItem({ size: 0 }))).toMatch(/^source\/size: /);
    expect(errorOf(debItem({ size: 1.5 }))).toMatch(/^source\/size: /);
    expect(errorOf(debItem({ size: '1000' }))).toMatch(/^source\/size: /);
    expect(errorOf(debItem({ script: 'rm -rf /' }))).toBe('source/script: Unexpected property');
  });

  it('refuses a size beyond what the agent downloads, or one JSON cannot carry exactly', () => {
    expect(errorOf(debItem({ size: MAX_PACKAGE_BYTES + 1 }))).toBe(`source/size: ${MAX_PACKAGE_BYTES + 1} bytes is more than the agent downloads (${MAX_PACKAGE_BYTES} bytes)`);
    expect(errorOf(debItem({ size: 2 ** 60 }))).toMatch(/^source\/size: .* is more than the agent downloads/);
    expect(parseAppItem(debItem({ size: 5000 }), 'install', 4000).ok).toBe(false);
  });

  it('refuses a download url that leaves the Ward server or its agent endpoints', () => {
    for (const url of [
      'https://evil.example/agent/v1/app-packages/v-1',
      'http://127.0.0.1:1/agent/v1/app-packages/v-1',
      '//evil.example/agent/v1/app-packages/v-1',
      '/\\evil.example/agent/v1/x',
      'file:///etc/shadow',
      '/agent/v1/../../admin/secret',
      '/agent/v1/app-packages/%2e%2e/%2e%2e/x',
      '/agent/v1//evil.example/x',
      '/api/v1/apps',
      'agent/v1/app-packages/v-1',
      '/agent/v1/app-packages/v 1',
    ]) {
      expect(errorOf(debItem({ url })), url).toMatch(/^source\/url: must be a path on the Ward server under \/agent\/v1\//);
    }
  });

  it('refuses names a package tool would read as options, globs or groups', () => {
    expect(errorOf({ ...debItem(), source: { kind: 'apt', package: '-oAPT::Update::Pre-Invoke::=touch /tmp/x' } })).toMatch(/^source\/package: .* is not a Debian package name$/);
    expect(errorOf({ ...debItem(), source: { kind: 'apt', package: 'curl wget' } })).toMatch(/is not a Debian package name/);
    expect(errorOf({ ...debItem(), source: { kind: 'dnf', package: '@development-tools' } })).toMatch(/is not an RPM package name/);
    expect(errorOf({ ...debItem(), source: { kind: 'dnf', package: 'kernel*' } })).toMatch(/is not an RPM package name/);
    expect(errorOf({ ...debItem(), source: { kind: 'flatpak', remote: '--from=https://evil', ref: 'org.x.Y' } })).toMatch(/^source\/remote: /);
    expect(errorOf({ ...debItem(), source: { kind: 'flatpak', remote: 'flathub', ref: '../org.x.Y' } })).toMatch(/^source\/ref: /);
    expect(errorOf({ ...debItem(), source: { kind: 'snap', name: 'code', channel: '--dangerous', classic: false } })).toMatch(/^source\/channel: /);
    expect(errorOf(debItem({ identifier: '--purge' }))).toMatch(/^source\/identifier: .* is not a Debian package name$/);
    expect(errorOf(debItem({ format: 'msi', identifier: "x' ; Remove-Item C:\\ -Recurse" }))).toMatch(/is not an MSI product code/);
    expect(errorOf(debItem({ format: 'msix', identifier: "App'; Stop-Computer; '" }))).toMatch(/is not an MSIX package name/);
  });

  it('keeps what it can of a malformed entry: the id when usable, else no id; the hash or the zero hash', () => {
    expect(parseAppItem({ id: 'x', hash: 'nope', name: 'n', version: '1', source: { kind: 'apt', package: 'curl' } }, 'install')).toMatchObject({ ok: false, id: 'x', hash: NO_HASH });
    expect(parseAppItem({ id: 'x'.repeat(129), hash }, 'install')).toMatchObject({ ok: false, hash });
    expect(parseAppItem({ id: 'x'.repeat(129), hash }, 'install')).not.toHaveProperty('id');
    for (const value of [null, 42, 'app', [], { id: 7 }]) expect(parseAppItem(value, 'install')).toMatchObject({ ok: false, hash: NO_HASH });
    expect(errorOf({ id: 'x', hash, name: 'n'.repeat(201), version: '1', source: { kind: 'apt', package: 'curl' } })).toMatch(/^malformed item: \/name: /);
    expect(errorOf({ id: 'x', hash, name: 'n', source: { kind: 'apt', package: 'curl' } })).toMatch(/^malformed item: \/version: /);
  });
});
