import { describe, expect, it } from 'vitest';
import { assign, group, now, subject, user } from '../../test/support/policy-fixtures.js';
import { compileFilterRule, type CompiledFilter } from './compile-assignment-filter.js';
import type { Assignment } from './model.js';
import { resolveAssignedItems } from './resolve-assigned-items.js';

function filters(entries: Record<string, [string, CompiledFilter['platform']]>): ReadonlyMap<string, CompiledFilter> {
  const map = new Map<string, CompiledFilter>();
  for (const [id, [rule, platform]] of Object.entries(entries)) {
    const compiled = compileFilterRule(rule, platform);
    if (!compiled.ok) throw new Error(compiled.message);
    map.set(id, compiled.value);
  }
  return map;
}

const resolve = (s: ReturnType<typeof subject>, assignments: readonly Assignment[], f: ReadonlyMap<string, CompiledFilter> = new Map()): string[] => [...resolveAssignedItems(s, 'profile', assignments, f, now)].sort();

describe('resolveAssignedItems', () => {
  it('includes through groups, all users and all devices', () => {
    const a = [assign('p1', group('g1')), assign('p2', { type: 'allUsers' }), assign('p3', { type: 'allDevices' }), assign('p4', group('g-other'))];
    expect(resolve(subject({ groups: ['g1'] }), a)).toEqual(['p1', 'p2', 'p3']);
  });

  it('reaches devices without a primary user only through allDevices and device groups', () => {
    const a = [assign('p1', group('g1')), assign('p2', { type: 'allUsers' }), assign('p3', { type: 'allDevices' })];
    expect(resolve(subject({ user: null, groups: ['g1'] }), a)).toEqual(['p1', 'p3']);
  });

  it('lets exclude win over any include, whatever the order', () => {
    const a = [assign('p1', group('g-excluded'), { mode: 'exclude' }), assign('p1', { type: 'allDevices' }), assign('p1', group('g1'))];
    expect(resolve(subject({ groups: ['g1', 'g-excluded'] }), a)).toEqual([]);
    expect(resolve(subject({ groups: ['g1'] }), a)).toEqual(['p1']);
    expect(resolve(subject({ groups: ['g1'] }), [assign('p1', group('g1')), assign('p1', { type: 'allUsers' }, { mode: 'exclude' })])).toEqual([]);
  });

  it('applies include and exclude filters to include assignments', () => {
    const f = filters({ linux: ['device.platform == "linux"', null], old: ['device.osVersion < "22.04"', 'linux'], new: ['device.enrollmentAgeDays < 7', null] });
    const s = subject({ groups: ['g1'] });
    expect(resolve(s, [assign('p1', group('g1'), { filter: { filterId: 'linux', mode: 'include' } })], f)).toEqual(['p1']);
    expect(resolve(s, [assign('p1', group('g1'), { filter: { filterId: 'linux', mode: 'exclude' } })], f)).toEqual([]);
    expect(resolve(s, [assign('p1', group('g1'), { filter: { filterId: 'old', mode: 'include' } })], f)).toEqual([]);
    expect(resolve(subject({ device: { osVersion: '20.04' }, groups: ['g1'] }), [assign('p1', group('g1'), { filter: { filterId: 'old', mode: 'include' } })], f)).toEqual(['p1']);
    // Enrolled on 1 November, now is 30 November: 29 days old.
    expect(resolve(s, [assign('p1', group('g1'), { filter: { filterId: 'new', mode: 'include' } })], f)).toEqual([]);
    expect(resolve(subject({ device: { enrolledAt: new Date('2026-11-28T00:00:00Z') }, groups: ['g1'] }), [assign('p1', group('g1'), { filter: { filterId: 'new', mode: 'include' } })], f)).toEqual(['p1']);
  });

  it('never matches a filter written for another platform', () => {
    const f = filters({ win: ['device.manufacturer == "Lenovo"', 'windows'] });
    expect(resolve(subject({ groups: ['g1'] }), [assign('p1', group('g1'), { filter: { filterId: 'win', mode: 'include' } })], f)).toEqual([]);
  });

  it('fails safe on a missing filter: includes reach no one, excludes still exclude', () => {
    const s = subject({ groups: ['g1'] });
    expect(resolve(s, [assign('p1', group('g1'), { filter: { filterId: 'gone', mode: 'include' } })])).toEqual([]);
    expect(resolve(s, [assign('p1', { type: 'allDevices' }), { ...assign('p1', group('g1'), { mode: 'exclude' }), filter: { filterId: 'gone' as never, mode: 'include' } }])).toEqual([]);
  });

  it('gives a retired device nothing and skips other item kinds', () => {
    expect(resolve(subject({ device: { managementState: 'retired' } }), [assign('p1', { type: 'allDevices' })])).toEqual([]);
    expect(resolve(subject(), [{ ...assign('c1', { type: 'allDevices' }), itemKind: 'compliancePolicy' }])).toEqual([]);
  });

  it('reads user attributes through user groups only, not filters', () => {
    expect(compileFilterRule('user.department == "Finance"', null)).toMatchObject({ ok: false, code: 'ASSIGNMENT_FILTER_INVALID' });
    expect(resolve(subject({ user: user(), groups: [] }), [assign('p1', group('finance'))])).toEqual([]);
  });
});

describe('compileFilterRule', () => {
  it.each([
    ['device.platform == "linux" and device.ownership == "corporate"', true],
    ['device.osVersion >= "10.0.22631" and device.osVersion < "11"', true],
    ['device.model startsWith "ThinkPad" or device.manufacturer == "Dell"', true],
    ['device.enrollmentAgeDays > 30', true],
    ['device.platform in ["macos", "ios"]', true],
    ['device.encrypted', false],
    ['device.enrollmentAgeDays > "30"', false],
    ['device.platform ==', false],
    ['', false],
    ['x'.repeat(5000), false],
  ])('%s → valid %s', (rule, ok) => {
    const r = compileFilterRule(rule, null);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.code).toBe('ASSIGNMENT_FILTER_INVALID');
      expect(typeof r.details?.at).toBe('number');
    }
  });
});
