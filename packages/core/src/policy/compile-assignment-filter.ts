import type { Device, Platform } from '../devices/model.js';
import type { RuleNode } from '../expressions/ast.js';
import { evaluateRule } from '../expressions/evaluate-rule.js';
import { parseRule } from '../expressions/parse-rule.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { filterAttributeReader, filterAttributes } from './filter-attributes.js';
import type { AssignmentFilter } from './model.js';

/** A filter parsed once and evaluated for many devices. */
export interface CompiledFilter {
  readonly platform: Platform | null;
  readonly rule: RuleNode;
}

/**
 * Parses a filter's rule against the filter attribute catalog. A rule that does not parse (or
 * reads an attribute filters may not read) is ASSIGNMENT_FILTER_INVALID with the parser's offset.
 */
export function compileFilterRule(rule: string, platform: Platform | null): Result<CompiledFilter, 'ASSIGNMENT_FILTER_INVALID'> {
  const parsed = parseRule(rule, filterAttributes);
  if (!parsed.ok) return fail('ASSIGNMENT_FILTER_INVALID', `The filter rule is invalid: ${parsed.message}`, { field: 'rule', ruleError: parsed.code, ...parsed.details });
  return ok({ platform, rule: parsed.value });
}

/**
 * Compiles every filter of a tenant for one recomputation. A stored filter whose rule no longer
 * parses (the catalog shrank) is left out: resolution then treats it as matching no device.
 */
export function compileFilters(filters: readonly AssignmentFilter[]): ReadonlyMap<string, CompiledFilter> {
  const compiled = new Map<string, CompiledFilter>();
  for (const filter of filters) {
    const result = compileFilterRule(filter.rule, filter.platform);
    if (result.ok) compiled.set(filter.id, result.value);
  }
  return compiled;
}

/** Whether the filter matches a device: same platform (when the filter names one) and the rule holds. */
export function filterMatches(filter: CompiledFilter, device: Device, now: Date): boolean {
  if (filter.platform !== null && filter.platform !== device.platform) return false;
  return evaluateRule(filter.rule, filterAttributeReader(device, now));
}
