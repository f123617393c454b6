import type { Device, Platform } from '../devices/model.js';
import { compareVersionToParts, versionParts } from './compare-version-parts.js';
import { compileCustomExpression } from './compile-custom-expression.js';
import type { CustomRuleValue } from './custom-rule-attributes.js';
import type { CompliancePolicy, CompliancePolicyId, ComplianceRule, ComplianceRuleKind } from './model.js';

/** A rule's outcome in the hot loop: a small integer, so evaluation allocates nothing. */
export type RuleCode = 0 | 1 | 2;
export const rulePassed = 0;
export const ruleFailed = 1;
export const ruleUnknown = 2;

/** One rule compiled into closures. */
export interface CompiledComplianceRule {
  readonly id: string;
  readonly kind: ComplianceRuleKind;
  readonly title: string;
  readonly expected: string;
  readonly remediation: string;
  /** Passed, failed or unknown (a fact it reads is missing) for a device at `nowMs`. */
  readonly check: (device: Device, nowMs: number) => RuleCode;
  /** What the device reported, as text; null when missing. For explain views, not the hot loop. */
  readonly actual: (device: Device, nowMs: number) => string | null;
  /** For rules that lapse with time alone: the instant a device passing now will start failing. */
  readonly lapsesAt: ((device: Device) => number | null) | null;
}

/** A policy compiled once and evaluated against many devices. */
export interface CompiledCompliancePolicy {
  readonly policy: CompliancePolicy;
  readonly id: CompliancePolicyId;
  readonly version: number;
  readonly platforms: ReadonlySet<Platform>;
  readonly rules: readonly CompiledComplianceRule[];
  /** A device silent this long (since its last check-in) is noncompliant. */
  readonly validityMs: number;
  /** From the start of a failure until `markNoncompliant` is due; 0 when the policy has none. */
  readonly graceMs: number;
  /**
   * Why the policy cannot be evaluated (a stored rule that no longer compiles, after the fact
   * catalog changed); null when it can. Devices it applies to are then in state `error`.
   */
  readonly error: string | null;
}

const hourMs = 3_600_000;
const versionMemoSize = 4096;
const dayMs = 24 * hourMs;

const defaultRemediation: Readonly<Record<ComplianceRuleKind, (rule: ComplianceRule) => string>> = {
  minOsVersion: (r) => `Update the operating system to version ${r.kind === 'minOsVersion' ? r.version : ''} or later.`,
  maxOsVersion: (r) => `This device runs an operating system newer than ${r.kind === 'maxOsVersion' ? r.version : ''}, which your organisation has not approved yet. Contact IT support.`,
  passcodeRequired: () => 'Set a passcode or password that unlocks this device.',
  passcodeCompliant: () => "Change the device's passcode so that it meets your organisation's length and complexity requirements.",
  diskEncrypted: () => 'Turn on disk encryption (FileVault on macOS, BitLocker on Windows, LUKS on Linux).',
  firewallOn: () => 'Turn on the firewall.',
  notJailbroken: () => 'This device is jailbroken or rooted. Restore its original operating system to use company resources.',
  screenLockWithinSeconds: (r) => `Set the screen to lock after at most ${r.kind === 'screenLockWithinSeconds' ? r.seconds : 0} seconds of inactivity.`,
  secureBoot: () => 'Turn on Secure Boot in the firmware (UEFI) settings.',
  checkInWithinDays: () => 'Connect the device to the internet and make sure the Ward agent is running so that it can check in.',
  custom: (r) => `This device does not meet the requirement "${r.kind === 'custom' ? r.name : ''}". Contact IT support.`,
};

function yesNo(v: boolean): string {
  return v ? 'yes' : 'no';
}

type BooleanFact = 'passcodeSet' | 'passcodeCompliant' | 'encrypted' | 'firewallOn' | 'jailbroken' | 'secureBoot';

/**
 * The check of a rule over one boolean fact. Each fact gets its own function literal rather than
 * one shared closure over a reader: a shared body would make its property load and inner call
 * megamorphic across rules, which costs more than the rule itself in the hot loop.
 */
function booleanFactCheck(fact: BooleanFact): (device: Device) => RuleCode {
  switch (fact) {
    case 'passcodeSet':
      return (d) => {
        const v = d.facts.passcodeSet;
        return typeof v !== 'boolean' ? ruleUnknown : v ? rulePassed : ruleFailed;
      };
    case 'passcodeCompliant':
      return (d) => {
        const v = d.facts.passcodeCompliant;
        return typeof v !== 'boolean' ? ruleUnknown : v ? rulePassed : ruleFailed;
      };
    case 'encrypted':
      return (d) => {
        const v = d.facts.encrypted;
        return typeof v !== 'boolean' ? ruleUnknown : v ? rulePassed : ruleFailed;
      };
    case 'firewallOn':
      return (d) => {
        const v = d.facts.firewallOn;
        return typeof v !== 'boolean' ? ruleUnknown : v ? rulePassed : ruleFailed;
      };
    case 'jailbroken':
      // The one fact that must be false.
      return (d) => {
        const v = d.facts.jailbroken;
        return typeof v !== 'boolean' ? ruleUnknown : v ? ruleFailed : rulePassed;
      };
    case 'secureBoot':
      return (d) => {
        const v = d.facts.secureBoot;
        return typeof v !== 'boolean' ? ruleUnknown : v ? rulePassed : ruleFailed;
      };
  }
}

/** A rule over one boolean fact; the title is phrased so that the wanted answer is yes. */
function booleanRule(title: string, fact: BooleanFact): RuleBody {
  const invert = fact === 'jailbroken';
  return {
    title,
    expected: 'yes',
    check: booleanFactCheck(fact),
    actual: (d) => {
      const v = d.facts[fact];
      return typeof v === 'boolean' ? yesNo(invert ? !v : v) : null;
    },
  };
}

function osVersionOf(d: Device): string | undefined {
  const v = d.facts.osVersion ?? d.osVersion;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function formatValue(v: CustomRuleValue): string {
  if (v === null || v === undefined) return 'missing';
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

type RuleBody = Pick<CompiledComplianceRule, 'title' | 'expected' | 'check' | 'actual'> & { readonly lapsesAt?: CompiledComplianceRule['lapsesAt'] };

function compileRule(rule: ComplianceRule): RuleBody | string {
  switch (rule.kind) {
    case 'minOsVersion':
    case 'maxOsVersion': {
      const parts = versionParts(rule.version);
      const min = rule.kind === 'minOsVersion';
      // A fleet runs few distinct OS versions: remembering each one's outcome spares parsing the
      // same text for every device. Bounded, so odd versions cannot grow it without limit.
      const memo = new Map<string, RuleCode>();
      return {
        title: min ? 'Minimum OS version' : 'Maximum OS version',
        expected: `${min ? '>=' : '<='} ${rule.version}`,
        check: (d) => {
          const v = osVersionOf(d);
          if (v === undefined) return ruleUnknown;
          let code = memo.get(v);
          if (code === undefined) {
            const c = compareVersionToParts(v, parts);
            code = (min ? c >= 0 : c <= 0) ? rulePassed : ruleFailed;
            if (memo.size >= versionMemoSize) memo.clear();
            memo.set(v, code);
          }
          return code;
        },
        actual: (d) => osVersionOf(d) ?? null,
      };
    }
    case 'passcodeRequired':
      return booleanRule('Passcode set', 'passcodeSet');
    case 'passcodeCompliant':
      return booleanRule('Passcode meets requirements', 'passcodeCompliant');
    case 'diskEncrypted':
      return booleanRule('Disk encrypted', 'encrypted');
    case 'firewallOn':
      return booleanRule('Firewall on', 'firewallOn');
    case 'notJailbroken':
      return booleanRule('Not jailbroken or rooted', 'jailbroken');
    case 'secureBoot':
      return booleanRule('Secure Boot on', 'secureBoot');
    case 'screenLockWithinSeconds': {
      const max = rule.seconds;
      return {
        title: `Screen locks within ${max} seconds`,
        expected: `locks after at most ${max} seconds`,
        // 0 is how platforms report "never locks".
        check: (d) => {
          const v = d.facts.screenLockSeconds;
          if (typeof v !== 'number') return ruleUnknown;
          return v > 0 && v <= max ? rulePassed : ruleFailed;
        },
        actual: (d) => {
          const v = d.facts.screenLockSeconds;
          if (typeof v !== 'number') return null;
          return v <= 0 ? 'never locks' : `locks after ${v} seconds`;
        },
      };
    }
    case 'checkInWithinDays': {
      const windowMs = rule.days * dayMs;
      return {
        title: `Checked in within ${rule.days} days`,
        expected: `last check-in less than ${rule.days} days ago`,
        check: (d, nowMs) => {
          const seen = d.lastSeenAt;
          if (seen === null) return ruleUnknown;
          return nowMs - seen.getTime() < windowMs ? rulePassed : ruleFailed;
        },
        actual: (d) => d.lastSeenAt?.toISOString() ?? null,
        lapsesAt: (d) => (d.lastSeenAt === null ? null : d.lastSeenAt.getTime() + windowMs),
      };
    }
    case 'custom': {
      const compiled = compileCustomExpression(rule.expression);
      if (!compiled.ok) return `Rule ${rule.id}: ${compiled.message}`;
      const { reads, test } = compiled.value;
      return {
        title: rule.name,
        expected: rule.expression,
        check: (d) => {
          for (const r of reads) {
            const v = r.read(d);
            if (v === undefined || v === null) return ruleUnknown;
          }
          return test(d) ? rulePassed : ruleFailed;
        },
        actual: (d) => reads.map((r) => `${r.path} = ${formatValue(r.read(d))}`).join(', '),
      };
    }
  }
}

/**
 * Compiles a policy into closures once, so that evaluating it against each of many devices is a
 * loop over small functions that allocate nothing (`evaluate-compliance.ts`). Never fails: a
 * stored rule that no longer compiles makes the policy evaluate to `error` with the reason.
 */
export function compileCompliancePolicy(policy: CompliancePolicy): CompiledCompliancePolicy {
  const rules: CompiledComplianceRule[] = [];
  const errors: string[] = [];
  for (const rule of policy.rules) {
    const body = compileRule(rule);
    if (typeof body === 'string') {
      errors.push(body);
      continue;
    }
    rules.push({
      id: rule.id,
      kind: rule.kind,
      title: body.title,
      expected: body.expected,
      remediation: rule.remediation ?? defaultRemediation[rule.kind](rule),
      check: body.check,
      actual: body.actual,
      lapsesAt: body.lapsesAt ?? null,
    });
  }
  let graceHours = 0;
  for (const action of policy.actions) if (action.kind === 'markNoncompliant') graceHours = action.afterHours;
  return {
    policy,
    id: policy.id,
    version: policy.version,
    platforms: new Set(policy.platforms),
    rules,
    validityMs: policy.validityDays * dayMs,
    graceMs: graceHours * hourMs,
    error: errors.length === 0 ? null : errors.join(' '),
  };
}
