import { canonicalJson } from '../audit/canonical-json.js';
import type { User } from '../directory/model.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import { renderAppConfigurationValue, usesVariables } from './app-configuration-variables.js';
import { appKey, reachesUser } from './mam-fields.js';
import type { AppConfigurationPolicy, AppProtectionPolicy, MamTargets, RenderedAppConfiguration } from './model.js';

/** The policies that target one app, oldest first, and what resolving them for a user needs. */
export interface MamAppPolicies {
  readonly protection: readonly AppProtectionPolicy[];
  readonly configuration: readonly AppConfigurationPolicy[];
  /** Whether any of them targets groups (resolving needs the user's groups). */
  readonly needsGroups: boolean;
  /** Whether any configuration value uses a user variable (rendering needs the user). */
  readonly needsUser: boolean;
}

/** A tenant's MAM policies, indexed by app (compared case-insensitively). */
export interface CompiledMamPolicies {
  /** The policies targeting `appIdentifier`; empty lists when none does. */
  forApp(appIdentifier: string): MamAppPolicies;
}

const none: MamAppPolicies = { protection: [], configuration: [], needsGroups: false, needsUser: false };

function byAge<T extends { readonly createdAt: Date; readonly id: string }>(a: T, b: T): number {
  const d = a.createdAt.getTime() - b.createdAt.getTime();
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function targetsGroups(targets: MamTargets): boolean {
  return targets.users.include !== 'allUsers' || targets.users.exclude.length > 0;
}

/**
 * Indexes a tenant's policies by target app, oldest first. When several protection policies reach
 * the same user and app, the oldest wins (creation time, then id): Intune keeps the policy an app
 * received first rather than merging settings, and a merge of "most restrictive" values would
 * make a PIN policy nobody wrote. Configuration policies merge, the oldest winning a key they
 * share, for the same reason.
 */
export function compileMamPolicies(protection: readonly AppProtectionPolicy[], configuration: readonly AppConfigurationPolicy[]): CompiledMamPolicies {
  const apps = new Map<string, { protection: AppProtectionPolicy[]; configuration: AppConfigurationPolicy[] }>();
  const entry = (app: string) => {
    const key = appKey(app);
    let e = apps.get(key);
    if (e === undefined) {
      e = { protection: [], configuration: [] };
      apps.set(key, e);
    }
    return e;
  };
  for (const p of [...protection].sort(byAge)) for (const app of p.targets.apps) entry(app).protection.push(p);
  for (const c of [...configuration].sort(byAge)) for (const app of c.targets.apps) entry(app).configuration.push(c);
  const compiled = new Map<string, MamAppPolicies>();
  for (const [key, e] of apps) {
    compiled.set(key, {
      protection: e.protection,
      configuration: e.configuration,
      needsGroups: e.protection.some((p) => targetsGroups(p.targets)) || e.configuration.some((c) => targetsGroups(c.targets)),
      needsUser: e.configuration.some((c) => usesVariables(c.settings)),
    });
  }
  return { forApp: (appIdentifier) => compiled.get(appKey(appIdentifier)) ?? none };
}

/** The protection policy that applies to a user in `groups`: the oldest that reaches them. */
export function pickProtectionPolicy(policies: MamAppPolicies, groups: ReadonlySet<string>): AppProtectionPolicy | undefined {
  return policies.protection.find((p) => reachesUser(p.targets.users, groups));
}

/**
 * The configuration for a user in `groups`: the settings of every configuration policy that
 * reaches them, the oldest winning a shared key, values rendered for `user` (a key whose value
 * needs a variable the user lacks is left out), with its version hash.
 */
export function renderAppConfiguration(sha256Hex: Sha256Hex, policies: MamAppPolicies, groups: ReadonlySet<string>, user: User | undefined): RenderedAppConfiguration {
  // A key is taken by the oldest policy that sets it, even when its value is left out for want
  // of a variable, so that a newer policy does not fill it instead.
  const taken = new Set<string>();
  const values: [string, string][] = [];
  for (const c of policies.configuration) {
    if (!reachesUser(c.targets.users, groups)) continue;
    for (const [key, template] of Object.entries(c.settings)) {
      if (taken.has(key)) continue;
      taken.add(key);
      const value = renderAppConfigurationValue(template, user);
      if (value !== undefined) values.push([key, value]);
    }
  }
  const configuration = Object.fromEntries(values.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { configuration, version: sha256Hex(canonicalJson(configuration)) };
}
