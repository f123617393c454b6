import type { Device } from '../devices/model.js';
import type { User } from '../directory/model.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CompliancePolicy, RuleResult } from './model.js';

/**
 * The variables a notification e-mail's subject and body may use, written `{{device.name}}`.
 * `failedRules` lists each failing rule with what it expects and what the device reported;
 * `remediation` lists what the user should do; `deadline` is when the grace period ends (or
 * ended).
 */
export const notificationVariables = [
  'device.name',
  'device.serialNumber',
  'device.platform',
  'device.model',
  'user.displayName',
  'user.email',
  'policy.name',
  'state',
  'failingSince',
  'deadline',
  'failedRules',
  'remediation',
] as const;
export type NotificationVariable = (typeof notificationVariables)[number];

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

function isVariable(name: string): name is NotificationVariable {
  return (notificationVariables as readonly string[]).includes(name);
}

/**
 * Checks a template: every `{{name}}` is a known variable and no stray `{{` or `}}` is left.
 * The failure says which variable, at which offset.
 */
export function checkNotificationTemplate(template: string): Result<void, 'TEMPLATE_INVALID'> {
  let rest = template;
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? '';
    if (!isVariable(name)) {
      return fail('TEMPLATE_INVALID', `uses the unknown variable {{${name}}} at offset ${match.index}; known ones are ${notificationVariables.map((v) => `{{${v}}}`).join(', ')}`, { variable: name, at: match.index });
    }
    rest = rest.replace(match[0], ' '.repeat(match[0].length));
  }
  const open = rest.indexOf('{{');
  const close = rest.indexOf('}}');
  if (open >= 0 || close >= 0) {
    const at = open >= 0 && (close < 0 || open < close) ? open : close;
    return fail('TEMPLATE_INVALID', `has a malformed {{variable}} placeholder at offset ${at}`, { at });
  }
  return ok(undefined);
}

/** What a notification is about. */
export interface NotificationContext {
  readonly device: Device;
  readonly user: User | null;
  readonly policy: Pick<CompliancePolicy, 'id' | 'name' | 'version'>;
  readonly state: string;
  readonly failingSince: Date;
  /** When the grace period ends (or ended): failingSince + grace. */
  readonly deadline: Date;
  /** The record's rule results (failed and unknown ones are listed). */
  readonly results: readonly RuleResult[];
}

function variableValue(name: NotificationVariable, c: NotificationContext): string {
  const failing = c.results.filter((r) => r.outcome !== 'passed');
  switch (name) {
    case 'device.name':
      return c.device.name;
    case 'device.serialNumber':
      return c.device.serialNumber ?? '';
    case 'device.platform':
      return c.device.platform;
    case 'device.model':
      return c.device.model ?? '';
    case 'user.displayName':
      return c.user?.displayName ?? '';
    case 'user.email':
      return c.user?.email ?? '';
    case 'policy.name':
      return c.policy.name;
    case 'state':
      return c.state;
    case 'failingSince':
      return c.failingSince.toISOString();
    case 'deadline':
      return c.deadline.toISOString();
    case 'failedRules':
      return failing.map((r) => `- ${r.title}: expected ${r.expected}, found ${r.actual ?? 'nothing reported'}`).join('\n');
    case 'remediation':
      return failing.map((r) => `- ${r.remediation}`).join('\n');
  }
}

/** Text with every run of control characters (line breaks included) turned into one space. */
function oneLine(text: string): string {
  let out = '';
  let gap = false;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f) gap = true;
    else {
      if (gap && out !== '') out += ' ';
      gap = false;
      out += ch;
    }
  }
  return out.trim();
}

function substitute(template: string, context: NotificationContext): string {
  return template.replace(placeholder, (whole, name: string) => (isVariable(name) ? variableValue(name, context) : whole));
}

/**
 * The subject and text of a notification e-mail. The subject is forced onto one line (control
 * characters become spaces) so that no value can inject a mail header.
 */
export function renderNotificationEmail(subject: string, body: string, context: NotificationContext): { readonly subject: string; readonly text: string } {
  const line = oneLine(substitute(subject, context)).slice(0, 998);
  return { subject: line, text: substitute(body, context) };
}

/** The JSON body of a compliance webhook; its exact bytes are what the signature covers. */
export function renderWebhookBody(eventId: string, occurredAt: Date, context: NotificationContext & { readonly actionId: string }): string {
  return JSON.stringify({
    id: eventId,
    type: 'device.complianceAction',
    occurredAt: occurredAt.toISOString(),
    tenantId: context.device.tenantId,
    device: { id: context.device.id, name: context.device.name, platform: context.device.platform, serialNumber: context.device.serialNumber, primaryUserEmail: context.user?.email ?? null },
    policy: { id: context.policy.id, name: context.policy.name, version: context.policy.version },
    actionId: context.actionId,
    state: context.state,
    failingSince: context.failingSince.toISOString(),
    deadline: context.deadline.toISOString(),
    rules: context.results.filter((r) => r.outcome !== 'passed').map((r) => ({ id: r.ruleId, title: r.title, outcome: r.outcome, expected: r.expected, actual: r.actual })),
  });
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * The `Ward-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * the scheme Stripe made common. Receivers recompute it with the shared secret and refuse stale
 * timestamps, which stops replays.
 */
export function webhookSignature(hmac: (key: Uint8Array, data: Uint8Array) => Uint8Array, secret: string, at: Date, body: string): string {
  const t = Math.floor(at.getTime() / 1000);
  const encoder = new TextEncoder();
  return `t=${t},v1=${hex(hmac(encoder.encode(secret), encoder.encode(`${t}.${body}`)))}`;
}
