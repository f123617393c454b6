import { hasControlCharacters } from '../kernel/control-characters.js';
import { parseRule } from '../expressions/parse-rule.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { groupRuleAttributes } from './group-rule-attributes.js';
import { groupMemberTypes, groupMembershipTypes, type GroupMemberType, type GroupMembershipType } from './model.js';

/** The fields of a group an admin may set. */
export interface GroupFields {
  readonly name: string;
  readonly description?: string;
  readonly membershipType: GroupMembershipType;
  readonly memberType: GroupMemberType;
  readonly rule?: string | null;
}

/** Validated, normalised group fields. */
export interface ValidGroupFields {
  readonly name: string;
  readonly description: string;
  readonly membershipType: GroupMembershipType;
  readonly memberType: GroupMemberType;
  readonly rule: string | null;
}

/**
 * Validates a group. A dynamic group needs a rule that parses and reads only attributes of its
 * member type; a static group has none. Rule errors say where they are (`details.at`).
 */
export function validateGroupFields(input: GroupFields): Result<ValidGroupFields, 'VALIDATION_FAILED' | 'GROUP_RULE_INVALID'> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 128) return fail('VALIDATION_FAILED', 'A group name must have 1 to 128 characters.', { field: 'name' });
  if (hasControlCharacters(name)) return fail('VALIDATION_FAILED', 'A group name must not contain control characters.', { field: 'name' });
  const description = (input.description ?? '').trim();
  if (description.length > 1000) return fail('VALIDATION_FAILED', 'A description may have at most 1000 characters.', { field: 'description' });
  if (!groupMembershipTypes.includes(input.membershipType)) return fail('VALIDATION_FAILED', 'membershipType must be static or dynamic.', { field: 'membershipType' });
  if (!groupMemberTypes.includes(input.memberType)) return fail('VALIDATION_FAILED', 'memberType must be user or device.', { field: 'memberType' });
  const ruleText = input.rule?.trim() ?? '';
  if (input.membershipType === 'static') {
    if (ruleText !== '') return fail('VALIDATION_FAILED', 'A static group has no rule; make it dynamic to use one.', { field: 'rule' });
    return ok({ name, description, membershipType: 'static', memberType: input.memberType, rule: null });
  }
  if (ruleText === '') return fail('GROUP_RULE_INVALID', 'A dynamic group needs a membership rule.', { field: 'rule' });
  const parsed = parseRule(ruleText, groupRuleAttributes(input.memberType));
  if (!parsed.ok) return fail('GROUP_RULE_INVALID', parsed.message, { field: 'rule', reason: parsed.code, ...parsed.details });
  return ok({ name, description, membershipType: 'dynamic', memberType: input.memberType, rule: ruleText });
}
