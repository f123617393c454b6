import { describe, expect, it } from 'vitest';
import { groupRuleAttributes, memberAttributeReader } from '../directory/group-rule-attributes.js';
import type { Device } from '../devices/model.js';
import type { User } from '../directory/model.js';
import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import { evaluateRule, ruleRoots } from './evaluate-rule.js';
import { parseRule } from './parse-rule.js';

const catalog = groupRuleAttributes('device');
const tenantId = 't' as TenantId;
const user: User = {
  id: 'u1' as UserId, tenantId, email: 'ada@example.com', displayName: 'Ada', givenName: 'Ada', surname: 'Lovelace', department: 'Finance',
  jobTitle: null, employeeId: null, attributes: { costCenter: 'CC-42' }, disabled: false, createdAt: new Date(0), updatedAt: new Date(0),
};
const device: Device = {
  id: 'd1' as DeviceId, tenantId, name: 'ada-laptop', platform: 'linux', ownership: 'corporate', managementState: 'enrolled', complianceState: 'unknown',
  serialNumber: 'SN123', model: 'ThinkPad X1', manufacturer: 'Lenovo', osVersion: '24.04.1', primaryUserId: user.id,
  facts: { osVersion: '24.04.1', encrypted: true, screenLockSeconds: 300 }, inventory: {}, enrolledAt: new Date('2026-01-10T00:00:00Z'),
  lastSeenAt: new Date('2026-11-01T00:00:00Z'), createdAt: new Date(0), updatedAt: new Date(0),
};

function matches(rule: string): boolean {
  const parsed = parseRule(rule, catalog);
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`);
  return evaluateRule(parsed.value, memberAttributeReader(user, device));
}

describe('parseRule and evaluateRule', () => {
  it.each([
    ['device.platform == "linux" and device.ownership == "corporate"', true],
    ['device.platform == "LINUX"', true],
    ['device.platform == "windows" or device.encrypted', true],
    ['not device.encrypted', false],
    ['!(device.platform != "linux")', true],
    ['device.osVersion >= "24.4" && device.osVersion < "24.10"', true],
    ['device.osVersion > "24.04.1"', false],
    ['device.screenLockSeconds <= 300', true],
    ['device.screenLockSeconds < 300', false],
    ['device.platform in ["macos", "linux"]', true],
    ['device.model contains "thinkpad"', true],
    ['device.serialNumber startsWith "SN"', true],
    ['device.name endsWith "-desktop"', false],
    ['user.department == "Finance" and device.platform == "linux"', true],
    ['user.attributes.costCenter == "cc-42"', true],
    ['user.attributes.missing == null', true],
    ['user.jobTitle != "CEO"', true],
    ['device.firewallOn', false],
    ['device.firewallOn == null', true],
    ['device.enrolledAt < "2026-02-01"', true],
    ["device.name == 'ada-laptop'", true],
    ['device.name == "with \\"quotes\\""', false],
  ])('%s → %s', (rule, expected) => {
    expect(matches(rule)).toBe(expected);
  });

  it('treats an absent attribute as failing every ordering and match', () => {
    expect(matches('device.freeStorageBytes > 0')).toBe(false);
    expect(matches('device.freeStorageBytes <= 0')).toBe(false);
    expect(matches('user.attributes.missing contains "x"')).toBe(false);
  });

  it.each([
    ['', 'RULE_SYNTAX'],
    ['device.platform ==', 'RULE_SYNTAX'],
    ['device.platform == "linux" and', 'RULE_SYNTAX'],
    ['device.platform = "linux"', 'RULE_SYNTAX'],
    ['device.platform == "unterminated', 'RULE_SYNTAX'],
    ['(device.platform == "linux"', 'RULE_SYNTAX'],
    ['device.platform == "linux")', 'RULE_SYNTAX'],
    ['device.platform == "a\\n"', 'RULE_SYNTAX'],
    ['device.platform in "linux"', 'RULE_SYNTAX'],
    ['device.platform == "linux" $', 'RULE_SYNTAX'],
    ['device.colour == "red"', 'RULE_UNKNOWN_ATTRIBUTE'],
    ['process.env == "x"', 'RULE_UNKNOWN_ATTRIBUTE'],
    ['device.platform == 3', 'RULE_TYPE_MISMATCH'],
    ['device.platform > "a"', 'RULE_TYPE_MISMATCH'],
    ['device.encrypted == "yes"', 'RULE_TYPE_MISMATCH'],
    ['device.screenLockSeconds contains "3"', 'RULE_TYPE_MISMATCH'],
    ['device.enrolledAt > "not a date"', 'RULE_TYPE_MISMATCH'],
    ['device.platform', 'RULE_TYPE_MISMATCH'],
    ['device.platform < null', 'RULE_TYPE_MISMATCH'],
  ])('refuses %j with %s', (rule, code) => {
    const parsed = parseRule(rule, catalog);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.code).toBe(code);
      expect(typeof parsed.details?.at).toBe('number');
    }
  });

  it('refuses user-group rules that read devices', () => {
    const parsed = parseRule('device.platform == "linux"', groupRuleAttributes('user'));
    expect(parsed.ok ? 'ok' : parsed.code).toBe('RULE_UNKNOWN_ATTRIBUTE');
  });

  it('refuses oversized and deeply nested input without blowing the stack', () => {
    const long = parseRule(`device.name == "${'a'.repeat(5000)}"`, catalog);
    expect(long.ok ? 'ok' : long.code).toBe('RULE_SYNTAX');
    const deep = parseRule(`${'('.repeat(200)}device.encrypted${')'.repeat(200)}`, catalog);
    expect(deep.ok ? 'ok' : deep.code).toBe('RULE_SYNTAX');
    const nots = parseRule(`${'not '.repeat(500)}device.encrypted`, catalog);
    expect(nots.ok ? 'ok' : nots.code).toBe('RULE_SYNTAX');
  });

  it('names the roots a rule reads', () => {
    const parsed = parseRule('user.department == "x" or device.encrypted', catalog);
    expect(parsed.ok && [...ruleRoots(parsed.value)].sort()).toEqual(['device', 'user']);
  });
});
