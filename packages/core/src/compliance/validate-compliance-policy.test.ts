import { describe, expect, it } from 'vitest';
import { validateCompliancePolicy, type CompliancePolicyInput } from './validate-compliance-policy.js';

const base: CompliancePolicyInput = { name: 'Baseline', platforms: ['linux'], rules: [{ kind: 'diskEncrypted' }] };

function failure(input: Partial<CompliancePolicyInput> & Record<string, unknown>, previous?: Parameters<typeof validateCompliancePolicy>[1]) {
  const result = validateCompliancePolicy({ ...base, ...input }, previous);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('validateCompliancePolicy', () => {
  it('normalises a policy: ids from kinds, defaults, trimmed text', () => {
    const result = validateCompliancePolicy({
      name: '  Baseline  ',
      platforms: ['linux', 'macos', 'linux'],
      rules: [
        { kind: 'minOsVersion', version: '14.2' },
        { kind: 'custom', name: 'Enough memory', expression: 'device.memoryBytes >= 8000000000' },
        { kind: 'custom', name: 'Agent', expression: 'device.agentVersion != "0.9"', remediation: 'Update the agent.\nThen restart.' },
        { id: 'custom-2', kind: 'firewallOn' },
      ],
      actions: [{ kind: 'markNoncompliant', afterHours: 72 }, { kind: 'lock', afterHours: 96 }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.name).toBe('Baseline');
    expect(result.value.description).toBe('');
    expect(result.value.platforms).toEqual(['linux', 'macos']);
    expect(result.value.validityDays).toBe(30);
    expect(result.value.rules.map((r) => r.id)).toEqual(['minOsVersion', 'custom', 'custom-3', 'custom-2']);
    expect(result.value.rules[2]).toEqual({ id: 'custom-3', remediation: 'Update the agent.\nThen restart.', kind: 'custom', name: 'Agent', expression: 'device.agentVersion != "0.9"' });
    expect(result.value.actions).toEqual([
      { id: 'markNoncompliant', afterHours: 72, kind: 'markNoncompliant' },
      { id: 'lock', afterHours: 96, kind: 'lock' },
    ]);
  });

  it('says where a custom rule does not parse: field, offset, line and column', () => {
    const f = failure({ rules: [{ kind: 'firewallOn' }, { id: 'mem', kind: 'custom', name: 'Memory', expression: 'device.encrypted and\n  (device.memoryBytes > ' }] });
    expect(f.code).toBe('COMPLIANCE_RULE_INVALID');
    expect(f.details).toMatchObject({ field: 'rules[1].expression', ruleId: 'mem', reason: 'RULE_SYNTAX', at: 44, line: 2, column: 24 });
    expect(f.message).toContain('rules[1].expression');
    expect(f.message).toContain('mem (Memory)');
  });

  it('refuses a custom rule that names an unknown fact, saying which and where', () => {
    const f = failure({ rules: [{ kind: 'custom', name: 'Antivirus', expression: 'device.antivirusOn == true' }] });
    expect(f.code).toBe('COMPLIANCE_RULE_INVALID');
    expect(f.message).toContain('Unknown attribute device.antivirusOn');
    expect(f.details).toMatchObject({ field: 'rules[0].expression', reason: 'RULE_UNKNOWN_ATTRIBUTE', at: 0, line: 1, column: 1 });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown kind', { rules: [{ kind: 'antivirus' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].kind'],
    ['a field the kind does not take', { rules: [{ kind: 'diskEncrypted', seconds: 5 }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].seconds'],
    ['a version that is not one', { rules: [{ kind: 'minOsVersion', version: 'latest' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].version'],
    ['seconds out of range', { rules: [{ kind: 'screenLockWithinSeconds', seconds: 0 }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].seconds'],
    ['fractional days', { rules: [{ kind: 'checkInWithinDays', days: 1.5 }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].days'],
    ['a duplicate rule id', { rules: [{ id: 'a', kind: 'firewallOn' }, { id: 'A', kind: 'secureBoot' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[1].id'],
    ['a malformed rule id', { rules: [{ id: '../x', kind: 'firewallOn' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].id'],
    ['the same built-in rule twice', { rules: [{ kind: 'firewallOn' }, { id: 'fw2', kind: 'firewallOn' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[1].kind'],
    ['a minimum above the maximum', { rules: [{ kind: 'minOsVersion', version: '15' }, { kind: 'maxOsVersion', version: '14.9' }] }, 'COMPLIANCE_RULE_INVALID', 'rules'],
    ['a rule that is not an object', { rules: ['diskEncrypted'] }, 'COMPLIANCE_RULE_INVALID', 'rules[0]'],
    ['rules that are not a list', { rules: { kind: 'diskEncrypted' } }, 'COMPLIANCE_RULE_INVALID', 'rules'],
    ['an empty custom expression', { rules: [{ kind: 'custom', name: 'x', expression: '   ' }] }, 'COMPLIANCE_RULE_INVALID', 'rules[0].expression'],
    ['an empty name', { name: '   ' }, 'VALIDATION_FAILED', 'name'],
    ['a name with control characters', { name: 'Base\u0000line' }, 'VALIDATION_FAILED', 'name'],
    ['a name that is not text', { name: 42 }, 'VALIDATION_FAILED', 'name'],
    ['no platform', { platforms: [] }, 'VALIDATION_FAILED', 'platforms'],
    ['an unknown platform', { platforms: ['beos'] }, 'VALIDATION_FAILED', 'platforms[0]'],
    ['a validity period out of range', { validityDays: 0 }, 'VALIDATION_FAILED', 'validityDays'],
    ['an unknown action', { actions: [{ kind: 'wipe' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].kind'],
    ['negative hours', { actions: [{ kind: 'lock', afterHours: -1 }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].afterHours'],
    ['hours beyond a year', { actions: [{ kind: 'retire', afterHours: 8761 }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].afterHours'],
    ['two grace periods', { actions: [{ kind: 'markNoncompliant' }, { id: 'm2', kind: 'markNoncompliant', afterHours: 4 }] }, 'COMPLIANCE_ACTION_INVALID', 'actions'],
    ['a lock during the grace period', { actions: [{ kind: 'markNoncompliant', afterHours: 48 }, { kind: 'lock', afterHours: 24 }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[1].afterHours'],
    ['a webhook over http', { actions: [{ kind: 'notifyWebhook', url: 'http://hooks.example.com/x', secret: 'x'.repeat(32) }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].url'],
    ['a webhook URL with credentials', { actions: [{ kind: 'notifyWebhook', url: 'https://u:p@hooks.example.com/x', secret: 'x'.repeat(32) }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].url'],
    ['a short webhook secret', { actions: [{ kind: 'notifyWebhook', url: 'https://hooks.example.com/x', secret: 'short' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].secret'],
    ['a webhook without a secret', { actions: [{ kind: 'notifyWebhook', url: 'https://hooks.example.com/x' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].secret'],
    ['an e-mail to no one', { actions: [{ kind: 'notifyEmail', toPrimaryUser: false, subject: 's', body: 'b' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0]'],
    ['a bad extra recipient', { actions: [{ kind: 'notifyEmail', extraRecipients: ['not-an-address'], subject: 's', body: 'b' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].extraRecipients[0]'],
    ['a subject with a line break (header injection)', { actions: [{ kind: 'notifyEmail', subject: 'Hi\r\nBcc: all@example.com', body: 'b' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].subject'],
    ['an unknown template variable', { actions: [{ kind: 'notifyEmail', subject: 'Fix {{device.name}}', body: 'Dear {{user.salary}}' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].body'],
    ['a malformed placeholder', { actions: [{ kind: 'notifyEmail', subject: 'Fix {{device.name}', body: 'b' }] }, 'COMPLIANCE_ACTION_INVALID', 'actions[0].subject'],
  ])('refuses %s', (_what, input, code, field) => {
    const f = failure(input);
    expect(f.code).toBe(code);
    expect(f.details?.field).toBe(field);
  });

  it('names the unknown template variable and its offset', () => {
    const f = failure({ actions: [{ kind: 'notifyEmail', subject: 's', body: 'Dear {{user.salary}}' }] });
    expect(f.details).toMatchObject({ variable: 'user.salary', at: 5 });
  });

  describe('hostile input', () => {
    it('refuses 10,000 rules with the limit, before reading them', () => {
      const rules = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'custom', name: `r${i}`, expression: 'device.encrypted' }));
      const started = performance.now();
      const f = failure({ rules });
      expect(performance.now() - started).toBeLessThan(50);
      expect(f.code).toBe('COMPLIANCE_RULE_INVALID');
      expect(f.details).toMatchObject({ field: 'rules', limit: 100 });
      expect(f.message).toContain('at most 100');
      expect(f.message).toContain('10000');
    });

    it('refuses too many actions and recipients', () => {
      expect(failure({ actions: Array.from({ length: 21 }, (_, i) => ({ id: `l${i}`, kind: 'lock', afterHours: i })) }).details).toMatchObject({ field: 'actions', limit: 20 });
      const extraRecipients = Array.from({ length: 21 }, (_, i) => `a${i}@example.com`);
      expect(failure({ actions: [{ kind: 'notifyEmail', extraRecipients, subject: 's', body: 'b' }] }).details).toMatchObject({ field: 'actions[0].extraRecipients', limit: 20 });
    });

    it('refuses a megabyte name, description, remediation and expression without echoing them', () => {
      const huge = 'x'.repeat(1_000_000);
      for (const input of [{ name: huge }, { description: huge }, { rules: [{ kind: 'firewallOn', remediation: huge }] }, { rules: [{ kind: 'custom', name: 'big', expression: `device.model == "${huge}"` }] }]) {
        const f = failure(input);
        expect(f.message.length).toBeLessThan(500);
      }
    });

    it('refuses control characters in a description and remediation, but allows line breaks', () => {
      expect(failure({ description: 'one\u001btwo' }).details?.field).toBe('description');
      expect(failure({ rules: [{ kind: 'firewallOn', remediation: 'bell\u0007' }] }).details?.field).toBe('rules[0].remediation');
      expect(validateCompliancePolicy({ ...base, description: 'line one\nline two\ttabbed' }).ok).toBe(true);
    });

    it('refuses unknown top-level fields of a rule or action without echoing a huge key', () => {
      const f = failure({ rules: [{ kind: 'firewallOn', ['k'.repeat(10_000)]: 1 }] });
      expect(f.message.length).toBeLessThan(500);
    });

    it('refuses rule expressions nested too deep', () => {
      const deep = `${'('.repeat(200)}device.encrypted${')'.repeat(200)}`;
      expect(failure({ rules: [{ kind: 'custom', name: 'deep', expression: deep }] }).code).toBe('COMPLIANCE_RULE_INVALID');
    });
  });

  it('keeps a stored webhook secret an update leaves out, but not for another action', () => {
    const previous = { actions: [{ id: 'hook', kind: 'notifyWebhook' as const, afterHours: 0, url: 'https://hooks.example.com/a', secret: 's'.repeat(32) }] };
    const kept = validateCompliancePolicy({ ...base, actions: [{ id: 'hook', kind: 'notifyWebhook', url: 'https://hooks.example.com/b', secret: null }] }, previous);
    expect(kept.ok && kept.value.actions[0]).toEqual({ id: 'hook', afterHours: 0, kind: 'notifyWebhook', url: 'https://hooks.example.com/b', secret: 's'.repeat(32) });
    expect(failure({ actions: [{ id: 'other', kind: 'notifyWebhook', url: 'https://hooks.example.com/b' }] }, previous).details?.field).toBe('actions[0].secret');
  });
});
