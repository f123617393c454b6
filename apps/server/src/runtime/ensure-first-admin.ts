import { createAdmin, systemPrincipal, type AuthDeps, type Tenant, type WardStores } from '@ward/core';

/** The first admin created at this start, with the password to show once. */
export interface FirstAdmin {
  readonly email: string;
  readonly password: string;
}

/** `admin@<first configured host name, or ward.local>`. */
export function firstAdminEmail(configured: string | undefined, hostnames: readonly string[]): string {
  if (configured !== undefined) return configured.toLowerCase();
  const host = hostnames.find((name) => /[a-z]/i.test(name) && name.includes('.') && !name.startsWith('*')) ?? 'ward.local';
  return `admin@${host.toLowerCase()}`;
}

/**
 * Creates the first global admin with a random password when the tenant has none, as the
 * `system` actor (audited). Returns undefined when an admin exists already, so a restart never
 * prints a password again.
 */
export async function ensureFirstAdmin(deps: AuthDeps<WardStores>, tenant: Tenant, email: string): Promise<FirstAdmin | undefined> {
  if ((await deps.stores.countGlobalAdmins(tenant.id)) > 0) return undefined;
  const created = await createAdmin(deps, systemPrincipal(tenant.id, 'system'), { email, displayName: 'Ward administrator', role: 'globalAdmin' });
  if (!created.ok) {
    // Another process on the same database created it between our count and our insert.
    if (created.code === 'USER_EMAIL_TAKEN' && (await deps.stores.countGlobalAdmins(tenant.id)) > 0) return undefined;
    throw new Error(`Could not create the first admin ${email}: ${created.code}: ${created.message}`);
  }
  if (created.value.generatedPassword === null) return undefined;
  return { email: created.value.user.email, password: created.value.generatedPassword };
}
