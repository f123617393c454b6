import { describe, expect, it } from 'vitest';
import { targetsBody, targetsDraftOf } from './mam-targets';
import { daysBetween } from './usage-days';

describe('MAM policy targets in the form', () => {
  it('start as all users and no apps for a new policy', () => {
    expect(targetsBody(targetsDraftOf(undefined))).toEqual({ users: { include: 'allUsers', exclude: [] }, apps: [] });
  });

  it('read back a stored policy\'s groups and send them unchanged', () => {
    const stored = { users: { include: ['g1', 'g2'], exclude: ['g3'] }, apps: ['com.example.notes'] };
    expect(targetsBody(targetsDraftOf(stored))).toEqual(stored);
  });

  it('keep the picked groups while "all users" is chosen, and send only "allUsers" then', () => {
    const draft = { ...targetsDraftOf({ users: { include: ['g1'], exclude: [] }, apps: ['a'] }), allUsers: true };
    expect(draft.includeGroups).toEqual(['g1']);
    expect(targetsBody(draft).users.include).toBe('allUsers');
    expect(targetsBody({ ...draft, allUsers: false }).users.include).toEqual(['g1']);
  });

  it('treat a stored policy without excludes as excluding nobody', () => {
    expect(targetsDraftOf({ users: { include: 'allUsers' }, apps: ['a'] }).excludeGroups).toEqual([]);
  });
});

describe('the days of a usage report', () => {
  it('lists every UTC day of the range, both ends included, across a month end', () => {
    expect(daysBetween('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });

  it('is empty for a reversed range or dates it cannot read', () => {
    expect(daysBetween('2026-02-02', '2026-01-30')).toEqual([]);
    expect(daysBetween('yesterday', '2026-01-30')).toEqual([]);
    expect(daysBetween('2026-01-30', '')).toEqual([]);
  });

  it('stops at 366 days whatever range it is given', () => {
    expect(daysBetween('2000-01-01', '2026-01-01')).toHaveLength(366);
  });
});
