import { describe, expect, it } from 'vitest';
import { validateConfigurationReports } from './validate-configuration-reports.js';

const hash = 'ab'.repeat(32);

describe('validateConfigurationReports', () => {
  it('accepts reports with errors and per-setting outcomes; cleans control characters from device text', () => {
    const r = validateConfigurationReports([
      { id: 'p-1', hash, status: 'failed', error: 'gsettings: \u001b[31mno session\u001b[0m\nline 2', settings: [{ id: 'screenLock.timeoutSeconds', status: 'failed', error: 'no session' }] },
      { id: 'p-2', hash, status: 'removed' },
    ]);
    expect(r).toMatchObject({ ok: true, value: [{ id: 'p-1', error: 'gsettings:  [31mno session [0m\nline 2', settings: [{ status: 'failed' }] }, { id: 'p-2', status: 'removed' }] });
  });

  it.each([
    ['not a list', { reports: [] }],
    ['an upper-case hash', [{ id: 'p', hash: hash.toUpperCase(), status: 'succeeded' }]],
    ['a short hash', [{ id: 'p', hash: 'abc', status: 'succeeded' }]],
    ['an unknown status', [{ id: 'p', hash, status: 'installed' }]],
    ['a hostile id', [{ id: "p'; DROP TABLE x; --", hash, status: 'succeeded' }]],
    ['an error over 2000 characters', [{ id: 'p', hash, status: 'failed', error: 'x'.repeat(2001) }]],
    ['a 1 MB error', [{ id: 'p', hash, status: 'failed', error: 'x'.repeat(1_000_000) }]],
    ['an unknown setting', [{ id: 'p', hash, status: 'succeeded', settings: [{ id: 'not.a.setting', status: 'succeeded' }] }]],
    ['a setting status removed', [{ id: 'p', hash, status: 'succeeded', settings: [{ id: 'firewall.enabled', status: 'removed' }] }]],
    ['the same id twice', [{ id: 'p', hash, status: 'succeeded' }, { id: 'p', hash, status: 'failed' }]],
    ['an unknown field', [{ id: 'p', hash, status: 'succeeded', extra: 1 }]],
    ['too many reports', Array.from({ length: 501 }, (_, i) => ({ id: `p${i}`, hash, status: 'succeeded' }))],
  ])('refuses %s with CONFIGURATION_REPORT_INVALID', (_what, input) => {
    expect(validateConfigurationReports(input)).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_INVALID' });
  });
});
