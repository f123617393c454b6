import type { CorporateAccount } from '../oidc/complete-sign-in.js';

/**
 * Who the work identity is, kept so a reload shows their name before the PIN. Not a secret: the
 * SDK keeps the registration and its keys; this is only the label.
 */
export const corporateAccountKey = 'notes-demo:corporate-account';

export function loadCorporateAccount(storage: Storage): CorporateAccount | undefined {
  const text = storage.getItem(corporateAccountKey);
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, email, name } = value as Record<string, unknown>;
    if (typeof sub !== 'string') return undefined;
    return { sub, email: typeof email === 'string' ? email : null, name: typeof name === 'string' ? name : null };
  } catch {
    return undefined;
  }
}

export function saveCorporateAccount(storage: Storage, account: CorporateAccount): void {
  storage.setItem(corporateAccountKey, JSON.stringify(account));
}

export function forgetCorporateAccount(storage: Storage): void {
  storage.removeItem(corporateAccountKey);
}
