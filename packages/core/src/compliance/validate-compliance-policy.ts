import { platforms as knownPlatforms, type Platform } from '../devices/model.js';
import { compareVersions } from '../devices/version-key.js';
import { isEmail } from '../directory/validate-user-fields.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, type Failure, ok, type Result } from '../kernel/result.js';
import { compileCustomExpression } from './compile-custom-expression.js';
import {
  complianceActionKinds,
  complianceLimits,
  complianceRuleKinds,
  defaultValidityDays,
  type ComplianceAction,
  type ComplianceActionKind,
  type CompliancePolicy,
  type ComplianceRule,
  type ComplianceRuleKind,
} from './model.js';
import { checkNotificationTemplate } from './render-compliance-notification.js';

/**
 * A compliance policy as an admin writes it (API body, policy file). Read as untrusted: every
 * field is checked for type, bounds and meaning, and fields a rule or action kind does not take
 * are refused rather than ignored, so a typo in a policy file does not pass silently.
 */
export interface CompliancePolicyInput {
  readonly name: unknown;
  readonly description?: unknown;
  readonly platforms: unknown;
  readonly rules?: unknown;
  readonly actions?: unknown;
  readonly validityDays?: unknown;
}

/** The validated fields of a policy. */
export type ValidCompliancePolicyFields = Pick<CompliancePolicy, 'name' | 'description' | 'platforms' | 'rules' | 'actions' | 'validityDays'>;

type ValidationCode = 'VALIDATION_FAILED' | 'COMPLIANCE_RULE_INVALID' | 'COMPLIANCE_ACTION_INVALID';

class Invalid extends Error {
  constructor(readonly failure: Failure<ValidationCode>) {
    super(failure.message);
  }
}

function invalid(code: ValidationCode, field: string, message: string, details?: Record<string, unknown>): never {
  throw new Invalid(fail(code, `${field}: ${message}`, { field, ...details }));
}

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const versionPattern = /^\d{1,9}(\.\d{1,9}){0,7}$/;

/** Control characters other than tab and line breaks, which multi-line text may hold. */
function hasStrayControlCharacters(text: string): boolean {
  return hasControlCharacters(text.replace(/[\t\n\r]/g, ''));
}

function record(value: unknown, code: ValidationCode, field: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(code, field, 'must be an object');
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!allowed.includes(key)) invalid(code, `${field}.${key.slice(0, 64)}`, `is not a field of this kind (known: ${allowed.join(', ')})`);
  return r;
}

function text(value: unknown, code: ValidationCode, field: string, bounds: { readonly min: number; readonly max: number; readonly multiline?: boolean }): string {
  if (typeof value !== 'string') invalid(code, field, 'must be text');
  if (value.length > bounds.max * 2) invalid(code, field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  const t = value.trim();
  if (t.length < bounds.min) invalid(code, field, bounds.min === 1 ? 'must not be empty' : `must have at least ${bounds.min} characters`);
  if (t.length > bounds.max) invalid(code, field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  if (bounds.multiline === true ? hasStrayControlCharacters(t) : hasControlCharacters(t)) invalid(code, field, 'must not contain control characters');
  return t;
}

function integer(value: unknown, code: ValidationCode, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) invalid(code, field, 'must be a whole number');
  if (value < min || value > max) invalid(code, field, `must be from ${min} to ${max}`);
  return value;
}

function list(value: unknown, code: ValidationCode, field: string, max: number): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(code, field, 'must be a list');
  if (value.length > max) invalid(code, field, `may hold at most ${max} items; this one holds ${value.length}`, { limit: max });
  return value as readonly unknown[];
}

/** Ids given explicitly must be unique; missing ones become the kind, then kind-2, kind-3… */
function assignIds(items: readonly Readonly<Record<string, unknown>>[], kinds: readonly string[], code: ValidationCode, field: string): string[] {
  const taken = new Set<string>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    if (typeof item.id !== 'string' || !idPattern.test(item.id)) invalid(code, `${field}[${i}].id`, 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
    const key = item.id.toLowerCase();
    if (taken.has(key)) invalid(code, `${field}[${i}].id`, `repeats the id ${item.id}`);
    taken.add(key);
  });
  return items.map((item, i) => {
    if (typeof item.id === 'string') return item.id;
    const base = kinds[i] ?? 'item';
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    taken.add(id.toLowerCase());
    return id;
  });
}

const ruleFields: Readonly<Record<ComplianceRuleKind, readonly string[]>> = {
  minOsVersion: ['version'],
  maxOsVersion: ['version'],
  passcodeRequired: [],
  passcodeCompliant: [],
  diskEncrypted: [],
  firewallOn: [],
  notJailbroken: [],
  screenLockWithinSeconds: ['seconds'],
  secureBoot: [],
  checkInWithinDays: ['days'],
  custom: ['name', 'expression'],
};

function kindOf<K extends string>(value: unknown, kinds: readonly K[], code: ValidationCode, field: string): K {
  if (typeof value !== 'string' || !(kinds as readonly string[]).includes(value)) invalid(code, field, `must be one of ${kinds.join(', ')}`);
  return value as K;
}

/** Line and column (1-based) of an offset, for rules written over several lines in policy files. */
function lineAndColumn(source: string, at: number): { readonly line: number; readonly column: number } {
  const before = source.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

function readRule(raw: Readonly<Record<string, unknown>>, id: string, field: string): ComplianceRule {
  const code = 'COMPLIANCE_RULE_INVALID';
  const kind = kindOf(raw.kind, complianceRuleKinds, code, `${field}.kind`);
  record(raw, code, field, ['id', 'kind', 'remediation', ...ruleFields[kind]]);
  const remediation = raw.remediation === undefined || raw.remediation === null ? null : text(raw.remediation, code, `${field}.remediation`, { min: 1, max: complianceLimits.remediationLength, multiline: true });
  const header = { id, remediation };
  switch (kind) {
    case 'minOsVersion':
    case 'maxOsVersion': {
      const version = text(raw.version, code, `${field}.version`, { min: 1, max: complianceLimits.versionLength });
      if (!versionPattern.test(version)) invalid(code, `${field}.version`, 'must be a version of dot-separated numbers such as 14.2 or 10.0.22631');
      return { ...header, kind, version };
    }
    case 'screenLockWithinSeconds':
      return { ...header, kind, seconds: integer(raw.seconds, code, `${field}.seconds`, 1, complianceLimits.screenLockSecondsMax) };
    case 'checkInWithinDays':
      return { ...header, kind, days: integer(raw.days, code, `${field}.days`, 1, complianceLimits.checkInDaysMax) };
    case 'custom': {
      const name = text(raw.name, code, `${field}.name`, { min: 1, max: complianceLimits.customNameLength });
      if (typeof raw.expression !== 'string') invalid(code, `${field}.expression`, 'must be text');
      const expression = raw.expression.trim();
      if (expression === '') invalid(code, `${field}.expression`, 'must not be empty');
      const compiled = compileCustomExpression(expression);
      if (!compiled.ok) {
        const at = typeof compiled.details?.at === 'number' ? compiled.details.at : 0;
        invalid(code, `${field}.expression`, `rule ${id} (${name}): ${compiled.message}`, { ruleId: id, reason: compiled.code, at, ...lineAndColumn(expression, at) });
      }
      return { ...header, kind, name, expression };
    }
    default:
      return { ...header, kind };
  }
}

function readRules(value: unknown): ComplianceRule[] {
  const code = 'COMPLIANCE_RULE_INVALID';
  const items = list(value, code, 'rules', complianceLimits.rules).map((r, i) => record(r, code, `rules[${i}]`, ['id', 'kind', 'remediation', 'version', 'seconds', 'days', 'name', 'expression']));
  const ids = assignIds(items, items.map((r) => (typeof r.kind === 'string' ? r.kind : 'rule')), code, 'rules');
  const rules = items.map((r, i) => readRule(r, ids[i] ?? '', `rules[${i}]`));
  const seen = new Map<ComplianceRuleKind, number>();
  rules.forEach((rule, i) => {
    if (rule.kind === 'custom') return;
    const first = seen.get(rule.kind);
    if (first !== undefined) invalid(code, `rules[${i}].kind`, `a policy has at most one ${rule.kind} rule (rules[${first}] is one already)`);
    seen.set(rule.kind, i);
  });
  const min = rules.find((r) => r.kind === 'minOsVersion');
  const max = rules.find((r) => r.kind === 'maxOsVersion');
  if (min?.kind === 'minOsVersion' && max?.kind === 'maxOsVersion' && compareVersions(min.version, max.version) > 0) {
    invalid(code, 'rules', `the minimum OS version ${min.version} is above the maximum ${max.version}, so no device could pass`);
  }
  return rules;
}

const actionFields: Readonly<Record<ComplianceActionKind, readonly string[]>> = {
  markNoncompliant: [],
  notifyEmail: ['toPrimaryUser', 'extraRecipients', 'subject', 'body'],
  notifyWebhook: ['url', 'secret'],
  lock: [],
  retire: [],
};

function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' && url.hash === '';
}

function readAction(raw: Readonly<Record<string, unknown>>, id: string, field: string, previousSecret: (actionId: string) => string | undefined): ComplianceAction {
  const code = 'COMPLIANCE_ACTION_INVALID';
  const kind = kindOf(raw.kind, complianceActionKinds, code, `${field}.kind`);
  record(raw, code, field, ['id', 'kind', 'afterHours', ...actionFields[kind]]);
  const afterHours = raw.afterHours === undefined ? 0 : integer(raw.afterHours, code, `${field}.afterHours`, 0, complianceLimits.afterHoursMax);
  const header = { id, afterHours };
  switch (kind) {
    case 'notifyEmail': {
      const toPrimaryUser = raw.toPrimaryUser ?? true;
      if (typeof toPrimaryUser !== 'boolean') invalid(code, `${field}.toPrimaryUser`, 'must be true or false');
      const extraRecipients = list(raw.extraRecipients, code, `${field}.extraRecipients`, complianceLimits.emailRecipients).map((v, i) => {
        const address = text(v, code, `${field}.extraRecipients[${i}]`, { min: 1, max: 254 }).toLowerCase();
        if (!isEmail(address)) invalid(code, `${field}.extraRecipients[${i}]`, 'must be an e-mail address');
        return address;
      });
      if (!toPrimaryUser && extraRecipients.length === 0) invalid(code, field, 'an e-mail needs a recipient: set toPrimaryUser or list extraRecipients');
      const subject = text(raw.subject, code, `${field}.subject`, { min: 1, max: complianceLimits.emailSubjectLength });
      const body = text(raw.body, code, `${field}.body`, { min: 1, max: complianceLimits.emailBodyLength, multiline: true });
      for (const [name, template] of [['subject', subject], ['body', body]] as const) {
        const checked = checkNotificationTemplate(template);
        if (!checked.ok) invalid(code, `${field}.${name}`, checked.message, checked.details);
      }
      return { ...header, kind, toPrimaryUser, extraRecipients: [...new Set(extraRecipients)], subject, body };
    }
    case 'notifyWebhook': {
      const url = text(raw.url, code, `${field}.url`, { min: 1, max: complianceLimits.webhookUrlLength });
      if (!isHttpsUrl(url)) invalid(code, `${field}.url`, 'must be an https URL without credentials or fragment');
      let secret: string;
      if (raw.secret === undefined || raw.secret === null) {
        const kept = previousSecret(id);
        if (kept === undefined) invalid(code, `${field}.secret`, `is required (${complianceLimits.webhookSecretMin} to ${complianceLimits.webhookSecretMax} characters)`);
        secret = kept;
      } else {
        if (typeof raw.secret !== 'string') invalid(code, `${field}.secret`, 'must be text');
        secret = raw.secret;
        if (secret.length < complianceLimits.webhookSecretMin || secret.length > complianceLimits.webhookSecretMax) {
          invalid(code, `${field}.secret`, `must have ${complianceLimits.webhookSecretMin} to ${complianceLimits.webhookSecretMax} characters`);
        }
        if (hasControlCharacters(secret)) invalid(code, `${field}.secret`, 'must not contain control characters');
      }
      return { ...header, kind, url, secret };
    }
    default:
      return { ...header, kind };
  }
}

function readActions(value: unknown, previous: readonly ComplianceAction[]): ComplianceAction[] {
  const code = 'COMPLIANCE_ACTION_INVALID';
  const items = list(value, code, 'actions', complianceLimits.actions).map((a, i) =>
    record(a, code, `actions[${i}]`, ['id', 'kind', 'afterHours', 'toPrimaryUser', 'extraRecipients', 'subject', 'body', 'url', 'secret']),
  );
  const ids = assignIds(items, items.map((a) => (typeof a.kind === 'string' ? a.kind : 'action')), code, 'actions');
  const previousSecret = (actionId: string): string | undefined => {
    const p = previous.find((a) => a.id === actionId);
    return p?.kind === 'notifyWebhook' ? p.secret : undefined;
  };
  const actions = items.map((a, i) => readAction(a, ids[i] ?? '', `actions[${i}]`, previousSecret));
  const marks = actions.filter((a) => a.kind === 'markNoncompliant');
  if (marks.length > 1) invalid(code, 'actions', 'a policy has at most one markNoncompliant action (its grace period)');
  const grace = marks[0]?.afterHours ?? 0;
  actions.forEach((a, i) => {
    // Locking or retiring a device that is still within its grace period would void the grace.
    if ((a.kind === 'lock' || a.kind === 'retire') && a.afterHours < grace) {
      invalid(code, `actions[${i}].afterHours`, `${a.kind} must not be due before the grace period ends (markNoncompliant after ${grace} hours)`);
    }
  });
  return actions;
}

/**
 * Validates and normalises a compliance policy. Errors name the field (`rules[2].expression`);
 * a custom rule that does not parse or reads an unknown fact is COMPLIANCE_RULE_INVALID with the
 * offset, line and column of the problem. `previous` (on update) supplies webhook secrets an
 * action leaves out, so an admin can edit a policy without re-typing them.
 */
export function validateCompliancePolicy(input: CompliancePolicyInput, previous?: Pick<CompliancePolicy, 'actions'>): Result<ValidCompliancePolicyFields, ValidationCode> {
  try {
    const v = 'VALIDATION_FAILED';
    const name = text(input.name, v, 'name', { min: 1, max: complianceLimits.nameLength });
    const description = input.description === undefined || input.description === null ? '' : text(input.description, v, 'description', { min: 0, max: complianceLimits.descriptionLength, multiline: true });
    const platforms = list(input.platforms, v, 'platforms', knownPlatforms.length * 2).map((p, i) => {
      if (typeof p !== 'string' || !(knownPlatforms as readonly string[]).includes(p)) invalid(v, `platforms[${i}]`, `must be one of ${knownPlatforms.join(', ')}`);
      return p as Platform;
    });
    if (platforms.length === 0) invalid(v, 'platforms', 'must name at least one platform');
    const validityDays = input.validityDays === undefined ? defaultValidityDays : integer(input.validityDays, v, 'validityDays', complianceLimits.validityDaysMin, complianceLimits.validityDaysMax);
    const rules = readRules(input.rules);
    const actions = readActions(input.actions, previous?.actions ?? []);
    return ok({ name, description, platforms: [...new Set(platforms)], rules, actions, validityDays });
  } catch (e) {
    if (e instanceof Invalid) return e.failure;
    throw e;
  }
}
