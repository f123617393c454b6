import { describe, expect, it } from 'vitest';
import type { Device, DeviceFacts } from '../devices/model.js';
import { evaluateRule } from '../expressions/evaluate-rule.js';
import { parseRule } from '../expressions/parse-rule.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import { compileCompliancePolicy, rulePassed, ruleFailed, ruleUnknown } from './compile-compliance-policy.js';
import { compileCustomExpression } from './compile-custom-expression.js';
import { customRuleAttributes, customRuleAttributeReader } from './custom-rule-attributes.js';
import { describeRuleResults, evaluateCompliance, newOutcomeBuffer, ruleIdsWithCode, timeOfNextChange } from './evaluate-compliance.js';
import type { CompliancePolicy, CompliancePolicyId, ComplianceRule } from './model.js';

const now = new Date('2026-06-01T12:00:00Z');
const day = 86_400_000;

function device(facts: DeviceFacts, over: Partial<Device> = {}): Device {
  return {
    id: 'd1' as DeviceId,
    tenantId: 't' as TenantId,
    name: 'ada-laptop',
    platform: 'linux',
    ownership: 'corporate',
    managementState: 'enrolled',
    complianceState: 'unknown',
    serialNumber: 'SN1',
    model: 'ThinkPad X1',
    manufacturer: 'Lenovo',
    osVersion: facts.osVersion ?? null,
    primaryUserId: null,
    facts,
    inventory: {},
    enrolledAt: new Date('2026-01-01T00:00:00Z'),
    lastSeenAt: new Date(now.getTime() - 3_600_000),
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}

function policy(rules: readonly ComplianceRule[], over: Partial<CompliancePolicy> = {}): CompliancePolicy {
  return {
    id: 'p1' as CompliancePolicyId,
    tenantId: 't' as TenantId,
    name: 'Baseline',
    description: '',
    platforms: ['linux', 'macos'],
    rules,
    actions: [],
    validityDays: 30,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}

function outcomeOf(rule: ComplianceRule, facts: DeviceFacts, over: Partial<Device> = {}): 'passed' | 'failed' | 'unknown' {
  const compiled = compileCompliancePolicy(policy([rule]));
  expect(compiled.error).toBeNull();
  const outcomes = newOutcomeBuffer();
  evaluateCompliance(compiled, device(facts, over), now.getTime(), outcomes);
  return (['passed', 'failed', 'unknown'] as const)[outcomes[0] ?? 9] ?? 'unknown';
}

const r = { id: 'r', remediation: null } as const;

describe('compliance rules', () => {
  it.each<[string, ComplianceRule, DeviceFacts, DeviceFacts]>([
    ['minOsVersion', { ...r, kind: 'minOsVersion', version: '24.4' }, { osVersion: '24.04.1' }, { osVersion: '22.04' }],
    ['maxOsVersion', { ...r, kind: 'maxOsVersion', version: '24.10' }, { osVersion: '24.4' }, { osVersion: '25.04' }],
    ['passcodeRequired', { ...r, kind: 'passcodeRequired' }, { passcodeSet: true }, { passcodeSet: false }],
    ['passcodeCompliant', { ...r, kind: 'passcodeCompliant' }, { passcodeCompliant: true }, { passcodeCompliant: false }],
    ['diskEncrypted', { ...r, kind: 'diskEncrypted' }, { encrypted: true }, { encrypted: false }],
    ['firewallOn', { ...r, kind: 'firewallOn' }, { firewallOn: true }, { firewallOn: false }],
    ['notJailbroken', { ...r, kind: 'notJailbroken' }, { jailbroken: false }, { jailbroken: true }],
    ['screenLockWithinSeconds', { ...r, kind: 'screenLockWithinSeconds', seconds: 300 }, { screenLockSeconds: 300 }, { screenLockSeconds: 301 }],
    ['secureBoot', { ...r, kind: 'secureBoot' }, { secureBoot: true }, { secureBoot: false }],
    ['custom', { ...r, kind: 'custom', name: 'Enough memory', expression: 'device.memoryBytes >= 8000000000' }, { memoryBytes: 16e9 }, { memoryBytes: 4e9 }],
  ])('%s passes, fails, and is unknown without its fact', (_kind, rule, passing, failing) => {
    expect(outcomeOf(rule, passing)).toBe('passed');
    expect(outcomeOf(rule, failing)).toBe('failed');
    expect(outcomeOf(rule, {})).toBe('unknown');
  });

  it('stays correct across more distinct OS versions than it remembers', () => {
    const compiled = compileCompliancePolicy(policy([{ ...r, kind: 'minOsVersion', version: '10.5000' }]));
    const out = newOutcomeBuffer();
    for (let round = 0; round < 2; round++) {
      for (let minor = 0; minor < 10_000; minor += 7) {
        evaluateCompliance(compiled, device({ osVersion: `10.${minor}` }), now.getTime(), out);
        expect(out[0]).toBe(minor >= 5000 ? rulePassed : ruleFailed);
      }
    }
  });

  it('treats a fact of the wrong type as missing, not as a pass', () => {
    expect(outcomeOf({ ...r, kind: 'diskEncrypted' }, { encrypted: 'true' as unknown as boolean })).toBe('unknown');
    expect(outcomeOf({ ...r, kind: 'screenLockWithinSeconds', seconds: 60 }, { screenLockSeconds: null as unknown as number })).toBe('unknown');
  });

  it('fails a screen that never locks (0 seconds)', () => {
    expect(outcomeOf({ ...r, kind: 'screenLockWithinSeconds', seconds: 300 }, { screenLockSeconds: 0 })).toBe('failed');
  });

  it('reads the OS version from the record when the facts lack it', () => {
    expect(outcomeOf({ ...r, kind: 'minOsVersion', version: '14' }, {}, { osVersion: '14.2' })).toBe('passed');
    expect(outcomeOf({ ...r, kind: 'minOsVersion', version: '14' }, { osVersion: '' })).toBe('unknown');
  });

  it('checks the last check-in against the window, and a device never seen is unknown', () => {
    const rule: ComplianceRule = { ...r, kind: 'checkInWithinDays', days: 7 };
    expect(outcomeOf(rule, {}, { lastSeenAt: new Date(now.getTime() - 6 * day) })).toBe('passed');
    expect(outcomeOf(rule, {}, { lastSeenAt: new Date(now.getTime() - 7 * day) })).toBe('failed');
    expect(outcomeOf(rule, {}, { lastSeenAt: null })).toBe('unknown');
  });

  it('makes a custom rule unknown when any fact it reads is missing', () => {
    const rule: ComplianceRule = { ...r, kind: 'custom', name: 'Encrypted or supervised', expression: 'device.encrypted or device.supervised' };
    expect(outcomeOf(rule, { encrypted: true, supervised: false })).toBe('passed');
    expect(outcomeOf(rule, { encrypted: false, supervised: false })).toBe('failed');
    expect(outcomeOf(rule, { encrypted: true })).toBe('unknown');
  });
});

describe('compileCustomExpression', () => {
  const facts: DeviceFacts = { osVersion: '14.2.1', encrypted: true, screenLockSeconds: 300, agentVersion: '1.4.0', memoryBytes: 8e9, jailbroken: false };
  const d = device(facts, { platform: 'macos', model: 'MacBook Pro' });
  const reader = (path: string) => customRuleAttributeReader(path)?.(d);

  it.each([
    'device.osVersion >= "14.2" and device.encrypted',
    'device.osVersion > "14.2.1"',
    'device.osVersion == "14.2.1.0"',
    'device.osVersion in ["14.2.1", "15"]',
    'device.platform == "MACOS"',
    'device.platform != "macos"',
    'device.model contains "book"',
    'device.model startsWith "mac" && !device.jailbroken',
    'device.model endsWith "air"',
    'device.screenLockSeconds <= 300 or device.memoryBytes < 1',
    'not (device.screenLockSeconds > 299)',
    'device.agentVersion == "1.4.0"',
    'device.enrolledAt < "2026-02-01"',
    'device.enrolledAt == "2026-01-01T00:00:00Z"',
    'device.ownership in ["corporate"]',
  ])('agrees with evaluateRule: %s', (expression) => {
    const compiled = compileCustomExpression(expression);
    if (!compiled.ok) throw new Error(compiled.message);
    const parsed = parseRule(expression, customRuleAttributes);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(compiled.value.test(d)).toBe(evaluateRule(parsed.value, reader));
  });

  it('reports a syntax error with its offset', () => {
    const result = compileCustomExpression('device.encrypted and (device.firewallOn');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('RULE_SYNTAX');
    expect(result.details).toEqual({ at: 39 });
  });

  it('refuses an unknown fact and user attributes, naming where', () => {
    const unknown = compileCustomExpression('device.encrypted and device.warpDrive == true');
    expect(unknown).toMatchObject({ ok: false, code: 'RULE_UNKNOWN_ATTRIBUTE', details: { at: 21 } });
    expect(compileCustomExpression('user.department == "IT"')).toMatchObject({ ok: false, code: 'RULE_UNKNOWN_ATTRIBUTE', details: { at: 0 } });
  });

  it('refuses a type mismatch', () => {
    expect(compileCustomExpression('device.encrypted == "yes"')).toMatchObject({ ok: false, code: 'RULE_TYPE_MISMATCH' });
  });
});

describe('evaluateCompliance', () => {
  const rules: ComplianceRule[] = [
    { id: 'os', remediation: null, kind: 'minOsVersion', version: '24.04' },
    { id: 'disk', remediation: 'Ask IT to encrypt your disk.', kind: 'diskEncrypted' },
    { id: 'fw', remediation: null, kind: 'firewallOn' },
  ];
  const compiled = compileCompliancePolicy(policy(rules));
  const nowMs = now.getTime();

  it('says notApplicable for a platform the policy is not for', () => {
    expect(evaluateCompliance(compiled, device({}, { platform: 'windows' }), nowMs, newOutcomeBuffer())).toBe('notApplicable');
  });

  it('passes, fails, or stays unknown, a failure outweighing a missing fact', () => {
    const out = newOutcomeBuffer();
    expect(evaluateCompliance(compiled, device({ osVersion: '24.04', encrypted: true, firewallOn: true }), nowMs, out)).toBe('passed');
    expect(evaluateCompliance(compiled, device({ osVersion: '24.04', encrypted: true }), nowMs, out)).toBe('unknown');
    expect(ruleIdsWithCode(compiled, out, ruleUnknown)).toEqual(['fw']);
    expect(evaluateCompliance(compiled, device({ osVersion: '22.04', encrypted: true }), nowMs, out)).toBe('failed');
    expect(ruleIdsWithCode(compiled, out, ruleFailed)).toEqual(['os']);
    expect(ruleIdsWithCode(compiled, out, rulePassed)).toEqual(['disk']);
  });

  it('expires a device silent for the validity period, at its boundary, and still fills rule outcomes', () => {
    const out = newOutcomeBuffer();
    const facts = { osVersion: '24.04', encrypted: true, firewallOn: true };
    expect(evaluateCompliance(compiled, device(facts, { lastSeenAt: new Date(nowMs - 30 * day + 1) }), nowMs, out)).toBe('passed');
    expect(evaluateCompliance(compiled, device(facts, { lastSeenAt: new Date(nowMs - 30 * day) }), nowMs, out)).toBe('expired');
    expect(ruleIdsWithCode(compiled, out, rulePassed)).toEqual(['os', 'disk', 'fw']);
    // Never checked in: the enrolment date starts the clock.
    expect(evaluateCompliance(compiled, device(facts, { lastSeenAt: null, enrolledAt: new Date(nowMs - 31 * day) }), nowMs, out)).toBe('expired');
  });

  it('says error for a stored custom rule that no longer compiles, naming the rule', () => {
    const broken = compileCompliancePolicy(policy([{ id: 'old', remediation: null, kind: 'custom', name: 'Legacy', expression: 'device.removedFact == true' }]));
    expect(broken.error).toContain('Rule old');
    expect(evaluateCompliance(broken, device({}), nowMs, newOutcomeBuffer())).toBe('error');
  });

  it('describes each rule with expected, actual and remediation', () => {
    const out = newOutcomeBuffer();
    const d = device({ osVersion: '22.04', encrypted: false });
    evaluateCompliance(compiled, d, nowMs, out);
    expect(describeRuleResults(compiled, d, nowMs, out)).toEqual([
      { ruleId: 'os', kind: 'minOsVersion', title: 'Minimum OS version', outcome: 'failed', expected: '>= 24.04', actual: '22.04', remediation: 'Update the operating system to version 24.04 or later.' },
      { ruleId: 'disk', kind: 'diskEncrypted', title: 'Disk encrypted', outcome: 'failed', expected: 'yes', actual: 'no', remediation: 'Ask IT to encrypt your disk.' },
      { ruleId: 'fw', kind: 'firewallOn', title: 'Firewall on', outcome: 'unknown', expected: 'yes', actual: null, remediation: 'Turn on the firewall.' },
    ]);
  });

  it('shows what a custom rule read', () => {
    const c = compileCompliancePolicy(policy([{ id: 'c', remediation: null, kind: 'custom', name: 'Agent current', expression: 'device.agentVersion == "2.0" and device.encrypted' }]));
    const out = newOutcomeBuffer();
    const d = device({ agentVersion: '1.9' });
    evaluateCompliance(c, d, nowMs, out);
    expect(describeRuleResults(c, d, nowMs, out)[0]).toMatchObject({ outcome: 'unknown', actual: 'device.agentVersion = "1.9", device.encrypted = missing', expected: 'device.agentVersion == "2.0" and device.encrypted' });
  });

  it('knows when the verdict changes with time alone', () => {
    const c = compileCompliancePolicy(policy([{ id: 'seen', remediation: null, kind: 'checkInWithinDays', days: 7 }]));
    const lastSeenAt = new Date(nowMs - day);
    const d = device({}, { lastSeenAt });
    const out = newOutcomeBuffer();
    const verdict = evaluateCompliance(c, d, nowMs, out);
    expect(verdict).toBe('passed');
    // The check-in rule lapses (7 days) before the validity period (30 days) ends.
    expect(timeOfNextChange(c, d, verdict, out, null)).toEqual(new Date(lastSeenAt.getTime() + 7 * day));
    // A grace period ending sooner comes first.
    const graceEnd = new Date(nowMs + 3_600_000);
    expect(timeOfNextChange(c, d, verdict, out, graceEnd)).toEqual(graceEnd);
    expect(timeOfNextChange(c, d, 'expired', out, null)).toBeNull();
    expect(timeOfNextChange(c, d, 'notApplicable', out, null)).toBeNull();
  });
});
