import type { MamTargets } from './app-types';

/** Targets as the form holds them: both the "all users" choice and the groups, so switching loses nothing. */
export interface TargetsDraft {
  readonly allUsers: boolean;
  readonly includeGroups: readonly string[];
  readonly excludeGroups: readonly string[];
  readonly apps: readonly string[];
}

export function targetsDraftOf(targets: MamTargets | undefined): TargetsDraft {
  if (targets === undefined) return { allUsers: true, includeGroups: [], excludeGroups: [], apps: [] };
  const include = targets.users.include;
  return { allUsers: include === 'allUsers', includeGroups: include === 'allUsers' ? [] : include, excludeGroups: targets.users.exclude ?? [], apps: targets.apps };
}

export function targetsBody(d: TargetsDraft): MamTargets {
  return { users: { include: d.allUsers ? 'allUsers' : [...d.includeGroups], exclude: [...d.excludeGroups] }, apps: [...d.apps] };
}
