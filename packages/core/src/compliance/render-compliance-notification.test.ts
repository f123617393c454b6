import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Device } from '../devices/model.js';
import type { User } from '../directory/model.js';
import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { CompliancePolicyId } from './model.js';
import { checkNotificationTemplate, renderNotificationEmail, renderWebhookBody, webhookSignature, type NotificationContext } from './render-compliance-notification.js';

const tenantId = 't' as TenantId;
const device: Device = {
  id: 'd1' as DeviceId, tenantId, name: 'ada-laptop', platform: 'linux', ownership: 'corporate', managementState: 'enrolled', complianceState: 'inGracePeriod',
  serialNumber: 'SN1', model: 'ThinkPad', manufacturer: 'Lenovo', osVersion: '22.04', primaryUserId: 'u1' as UserId, facts: {}, inventory: {},
  enrolledAt: new Date(0), lastSeenAt: new Date(0), createdAt: new Date(0), updatedAt: new Date(0),
};
const user: User = {
  id: 'u1' as UserId, tenantId, email: 'ada@example.com', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace', department: null,
  jobTitle: null, employeeId: null, attributes: {}, disabled: false, createdAt: new Date(0), updatedAt: new Date(0),
};
const context: NotificationContext = {
  device,
  user,
  policy: { id: 'p1' as CompliancePolicyId, name: 'Baseline', version: 3 },
  state: 'inGracePeriod',
  failingSince: new Date('2026-06-01T00:00:00Z'),
  deadline: new Date('2026-06-04T00:00:00Z'),
  results: [
    { ruleId: 'os', kind: 'minOsVersion', title: 'Minimum OS version', outcome: 'failed', expected: '>= 24.04', actual: '22.04', remediation: 'Update to 24.04.' },
    { ruleId: 'fw', kind: 'firewallOn', title: 'Firewall on', outcome: 'passed', expected: 'yes', actual: 'yes', remediation: '' },
    { ruleId: 'disk', kind: 'diskEncrypted', title: 'Disk encrypted', outcome: 'unknown', expected: 'yes', actual: null, remediation: 'Encrypt the disk.' },
  ],
};

describe('notification e-mails', () => {
  it('fills every variable', () => {
    const email = renderNotificationEmail(
      '{{ device.name }} fails {{policy.name}}',
      'Hello {{user.displayName}} <{{user.email}}>,\n{{device.platform}} {{device.model}} {{device.serialNumber}} is {{state}} since {{failingSince}}; fix it by {{deadline}}.\n{{failedRules}}\n{{remediation}}',
      context,
    );
    expect(email.subject).toBe('ada-laptop fails Baseline');
    expect(email.text).toBe(
      'Hello Ada Lovelace <ada@example.com>,\nlinux ThinkPad SN1 is inGracePeriod since 2026-06-01T00:00:00.000Z; fix it by 2026-06-04T00:00:00.000Z.\n' +
        '- Minimum OS version: expected >= 24.04, found 22.04\n- Disk encrypted: expected yes, found nothing reported\n- Update to 24.04.\n- Encrypt the disk.',
    );
  });

  it('keeps the subject on one line whatever a value holds', () => {
    const email = renderNotificationEmail('Rules: {{failedRules}}', 'b', context);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toBe('Rules: - Minimum OS version: expected >= 24.04, found 22.04 - Disk encrypted: expected yes, found nothing reported');
  });

  it('checks templates', () => {
    expect(checkNotificationTemplate('Hi {{user.displayName}}, {{ deadline }}').ok).toBe(true);
    expect(checkNotificationTemplate('Hi {{user.password}}')).toMatchObject({ ok: false, details: { variable: 'user.password', at: 3 } });
    expect(checkNotificationTemplate('Hi }} there {{')).toMatchObject({ ok: false, details: { at: 3 } });
    expect(checkNotificationTemplate('{{state}} and {{ oops')).toMatchObject({ ok: false, details: { at: 14 } });
  });
});

describe('webhooks', () => {
  it('signs t.body with HMAC-SHA256 so receivers can verify it', () => {
    const at = new Date('2026-06-01T00:00:05.900Z');
    const body = renderWebhookBody('evt1', at, { ...context, actionId: 'hook' });
    const secret = 'k'.repeat(32);
    const hmac = (key: Uint8Array, data: Uint8Array): Uint8Array => createHmac('sha256', key).update(data).digest();
    const expected = createHmac('sha256', secret).update(`1780272005.${body}`).digest('hex');
    expect(webhookSignature(hmac, secret, at, body)).toBe(`t=1780272005,v1=${expected}`);
  });

  it('sends the failing rules and ids, never the passing ones', () => {
    const body = JSON.parse(renderWebhookBody('evt1', new Date(0), { ...context, actionId: 'hook' })) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'evt1', type: 'device.complianceAction', tenantId: 't', actionId: 'hook', state: 'inGracePeriod', policy: { id: 'p1', name: 'Baseline', version: 3 } });
    expect((body.rules as { id: string }[]).map((r) => r.id)).toEqual(['os', 'disk']);
  });
});
