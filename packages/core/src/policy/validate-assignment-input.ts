import type { GroupId } from '../kernel/brand.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { invalid, objectAt, oneOf, readFields, text } from './field-reader.js';
import {
  assignableKinds,
  assignmentFilterModes,
  assignmentIntents,
  assignmentModes,
  assignmentTargetTypes,
  type AssignableKind,
  type AssignmentFilterId,
  type AssignmentFilterRef,
  type AssignmentIntent,
  type AssignmentMode,
  type AssignmentTarget,
} from './model.js';

/** What a caller sends to assign an item. */
export interface AssignmentInput {
  readonly itemKind: AssignableKind;
  readonly itemId: string;
  readonly target: { readonly type: string; readonly groupId?: string };
  /** Default include. */
  readonly mode?: AssignmentMode;
  readonly filter?: { readonly filterId: string; readonly mode: string } | null;
  /** Default required. */
  readonly intent?: AssignmentIntent;
}

/** A validated assignment (references not yet checked against the stores). */
export interface ValidAssignmentInput {
  readonly itemKind: AssignableKind;
  readonly itemId: string;
  readonly target: AssignmentTarget;
  readonly mode: AssignmentMode;
  readonly filter: AssignmentFilterRef | null;
  readonly intent: AssignmentIntent;
}

const idRule = { max: 64, pattern: /^[A-Za-z0-9-]+$/, patternHint: 'an id' } as const;

/**
 * Validates an assignment from untrusted input. Filters narrow include assignments only (an
 * exclude with a filter would be read two ways); profiles and compliance policies are `required`,
 * apps take any intent.
 */
export function validateAssignmentInput(input: unknown): Result<ValidAssignmentInput, ErrorCode> {
  return readFields(() => {
    const record = objectAt(input, '', ['itemKind', 'itemId', 'target', 'mode', 'filter', 'intent']);
    const itemKind = oneOf(record, 'itemKind', '', assignableKinds);
    const itemId = text(record, 'itemId', '', idRule);
    const t = objectAt(record.target, 'target', ['type', 'groupId']);
    const type = oneOf(t, 'type', 'target', assignmentTargetTypes);
    let target: AssignmentTarget;
    if (type === 'group') target = { type, groupId: text(t, 'groupId', 'target', idRule) as GroupId };
    else {
      if (t.groupId !== undefined) invalid('target.groupId', `does not belong to an ${type} target`, 'ASSIGNMENT_INVALID');
      target = { type };
    }
    const mode = record.mode === undefined ? 'include' : oneOf(record, 'mode', '', assignmentModes);
    let filter: AssignmentFilterRef | null = null;
    if (record.filter !== undefined && record.filter !== null) {
      if (mode === 'exclude') invalid('filter', 'filters narrow include assignments only; exclude a group instead', 'ASSIGNMENT_INVALID');
      const f = objectAt(record.filter, 'filter', ['filterId', 'mode']);
      filter = { filterId: text(f, 'filterId', 'filter', idRule) as AssignmentFilterId, mode: oneOf(f, 'mode', 'filter', assignmentFilterModes) };
    }
    const intent = record.intent === undefined ? 'required' : oneOf(record, 'intent', '', assignmentIntents);
    // Apps take every intent; profiles and compliance policies are simply applied.
    if (intent !== 'required' && itemKind !== 'app') invalid('intent', `${itemKind === 'profile' ? 'profiles' : 'compliance policies'} are always required; ${intent} is for apps`, 'ASSIGNMENT_INVALID');
    return { itemKind, itemId, target, mode, filter, intent };
  }, 'ASSIGNMENT_INVALID');
}
