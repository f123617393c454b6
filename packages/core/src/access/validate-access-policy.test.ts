import { describe, expect, it } from 'vitest';
import { ipInRange, parseIpAddress, parseIpRange } from './ip-range.js';
import { validateAccessPolicy, type AccessPolicyInput } from './validate-access-policy.js';

const base = { name: 'Require compliant devices', conditions: { users: { include: 'all' } }, grant: { kind: 'require', controls: ['compliantDevice'] } } as const;

function fieldOf(input: unknown): unknown {
  const result = validateAccessPolicy(input as AccessPolicyInput);
  if (result.ok) return 'valid';
  expect(result.code).toBe('ACCESS_POLICY_INVALID');
  return result.details?.field;
}

describe('validateAccessPolicy', () => {
  it('normalises a valid policy: report-only by default, AND by default, absent conditions null, duplicates dropped', () => {
    const result = validateAccessPolicy({
      ...base,
      name: '  Devices  ',
      conditions: { users: { include: { groupIds: ['g1', 'g1'] }, exclude: { userIds: ['break-glass'] } }, networks: { include: ['10.0.0.0/8', '2001:DB8::/32'] } },
      grant: { kind: 'require', controls: ['mfa', 'compliantDevice', 'mfa'] },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Devices',
        description: '',
        state: 'reportOnly',
        conditions: {
          users: { include: { userIds: [], groupIds: ['g1'] }, exclude: { userIds: ['break-glass'], groupIds: [] } },
          relyingParties: { include: 'all', exclude: [] },
          platforms: null,
          ownership: null,
          clientTypes: null,
          networks: { include: ['10.0.0.0/8', '2001:db8::/32'], exclude: [] },
          signInRisk: null,
        },
        grant: { kind: 'require', operator: 'and', controls: ['mfa', 'compliantDevice'] },
        session: { signInFrequencyHours: null },
      },
    });
  });

  it('names the offending field of hostile or mistaken input', () => {
    const cases: readonly [unknown, string][] = [
      [null, 'policy'],
      ['policy', 'policy'],
      [{ ...base, extra: 1 }, 'policy.extra'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, name: 'x'.repeat(10_000) }, 'name'],
      [{ ...base, name: 'a\u0000b' }, 'name'],
      [{ ...base, state: 'on' }, 'state'],
      [{ ...base, conditions: { users: { include: 'all', exlude: {} } } }, 'conditions.users.exlude'],
      [{ ...base, conditions: {} }, 'conditions.users'],
      [{ ...base, conditions: { users: { include: {} } } }, 'conditions.users.include'],
      [{ ...base, conditions: { users: { include: { userIds: ['a b'] } } } }, 'conditions.users.include.userIds[0]'],
      [{ ...base, conditions: { users: { include: { userIds: Array.from({ length: 501 }, (_, i) => `u${i}`) } } } }, 'conditions.users.include.userIds'],
      [{ ...base, conditions: { users: { include: { groupIds: 'g1' } } } }, 'conditions.users.include.groupIds'],
      [{ ...base, conditions: { users: { include: 'all' }, relyingParties: { include: [] } } }, 'conditions.relyingParties.include'],
      [{ ...base, conditions: { users: { include: 'all' }, relyingParties: { include: ['ok', 'tab\there'] } } }, 'conditions.relyingParties.include[1]'],
      [{ ...base, conditions: { users: { include: 'all' }, platforms: { include: ['beos'] } } }, 'conditions.platforms.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, ownership: [] } }, 'conditions.ownership'],
      [{ ...base, conditions: { users: { include: 'all' }, clientTypes: ['cli'] } }, 'conditions.clientTypes[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['10.0.0.0/33'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['10.1.2.3/8'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['256.0.0.0/8'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['010.0.0.0/8'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['1::2::3/64'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: ['fe80::1%eth0/128'] } } }, 'conditions.networks.include[0]'],
      [{ ...base, conditions: { users: { include: 'all' }, networks: { include: Array.from({ length: 201 }, (_, i) => `10.0.${i % 256}.0/24`) } } }, 'conditions.networks.include'],
      [{ ...base, conditions: { users: { include: 'all' }, signInRisk: ['extreme'] } }, 'conditions.signInRisk[0]'],
      [{ ...base, grant: { kind: 'allow' } }, 'grant.kind'],
      [{ ...base, grant: { kind: 'block', controls: [] } }, 'grant.controls'],
      [{ ...base, grant: { kind: 'require', operator: 'xor', controls: ['mfa'] } }, 'grant.operator'],
      [{ ...base, grant: { kind: 'require', controls: ['password'] } }, 'grant.controls[0]'],
      [{ ...base, grant: { kind: 'require', controls: [] } }, 'grant.controls'],
      [{ ...base, session: { signInFrequencyHours: 0 } }, 'session.signInFrequencyHours'],
      [{ ...base, session: { signInFrequencyHours: 1.5 } }, 'session.signInFrequencyHours'],
      [{ ...base, grant: { kind: 'block' }, session: { signInFrequencyHours: 4 } }, 'session.signInFrequencyHours'],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), JSON.stringify(input).slice(0, 120)).toBe(field);
  });

  it('accepts a grant with no controls when a session control is set', () => {
    expect(fieldOf({ ...base, grant: { kind: 'require', controls: [] }, session: { signInFrequencyHours: 12 } })).toBe('valid');
  });
});

describe('ip ranges', () => {
  it('parses IPv4, IPv6 (compressed, embedded IPv4, zones dropped) and refuses malformed text', () => {
    expect(parseIpAddress('192.0.2.1')).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect(parseIpAddress('::ffff:192.0.2.1')).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect(parseIpAddress('2001:db8::1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIpAddress('fe80::1%eth0')).toEqual([0xfe800000, 0, 0, 1]);
    expect(parseIpAddress('::')).toEqual([0, 0, 0, 0]);
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', '::1::', '1:2:3:4:5:6:7:8:9', 'g::1', '1.2.3.4::', '::1.2.3', 'x'.repeat(100)]) expect(parseIpAddress(bad), bad).toBeUndefined();
  });

  it('matches addresses against ranges of both families without crossing them', () => {
    const v4 = parseIpRange('10.0.0.0/8');
    const v6 = parseIpRange('2001:db8::/32');
    const all4 = parseIpRange('0.0.0.0/0');
    const all6 = parseIpRange('::/0');
    if (typeof v4 === 'string' || typeof v6 === 'string' || typeof all4 === 'string' || typeof all6 === 'string') throw new Error('ranges should parse');
    const at = (text: string) => parseIpAddress(text) ?? [0, 0, 0, 0];
    expect(ipInRange(at('10.255.0.1'), v4)).toBe(true);
    expect(ipInRange(at('11.0.0.1'), v4)).toBe(false);
    expect(ipInRange(at('2001:db8:ffff::1'), v6)).toBe(true);
    expect(ipInRange(at('2001:db9::1'), v6)).toBe(false);
    expect(ipInRange(at('2001:db8::1'), all4)).toBe(false);
    expect(ipInRange(at('8.8.8.8'), all4)).toBe(true);
    expect(ipInRange(at('8.8.8.8'), all6)).toBe(true);
    expect(parseIpRange('192.0.2.7')).toEqual({ words: [0, 0, 0xffff, 0xc0000207], prefix: 128 });
  });
});
