import { platforms, type Platform } from '../devices/model.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { compileFilterRule } from './compile-assignment-filter.js';
import { invalid, objectAt, optionalText, readFields, text, unwrap } from './field-reader.js';

/** What a caller sends to create or replace an assignment filter. */
export interface AssignmentFilterInput {
  readonly name: string;
  readonly description?: string;
  readonly platform?: Platform | null;
  readonly rule: string;
}

/** A validated filter definition. */
export interface ValidAssignmentFilterInput {
  readonly name: string;
  readonly description: string;
  readonly platform: Platform | null;
  readonly rule: string;
}

/**
 * Validates a filter from untrusted input. The rule must parse against the filter attribute
 * catalog (ASSIGNMENT_FILTER_INVALID with the offset of the problem in `details.at`).
 */
export function validateAssignmentFilterInput(input: unknown): Result<ValidAssignmentFilterInput, ErrorCode> {
  return readFields(() => {
    const record = objectAt(input, '', ['name', 'description', 'platform', 'rule']);
    const name = text(record, 'name', '', { max: 128 });
    const description = optionalText(record, 'description', '', { min: 0, max: 2000 }) ?? '';
    const p = record.platform;
    if (p !== undefined && p !== null && (typeof p !== 'string' || !(platforms as readonly string[]).includes(p))) invalid('platform', `must be null or one of ${platforms.join(', ')}`, 'ASSIGNMENT_FILTER_INVALID');
    const platform = (p ?? null) as Platform | null;
    const rule = text(record, 'rule', '', { max: 4096 });
    unwrap(compileFilterRule(rule, platform));
    return { name, description, platform, rule };
  }, 'ASSIGNMENT_FILTER_INVALID');
}
