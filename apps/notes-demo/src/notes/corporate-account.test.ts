import { describe, expect, it } from 'vitest';
import { corporateAccountKey, forgetCorporateAccount, loadCorporateAccount, saveCorporateAccount } from './corporate-account.js';

/** The Web Storage API in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => { items.clear(); },
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => { items.delete(key); },
    setItem: (key, value) => { items.set(key, value); },
  };
}

describe('the remembered corporate account', () => {
  it('round-trips and is forgotten', () => {
    const storage = memoryStorage();
    const account = { sub: 'u-1', email: 'nora@example.com', name: null };
    saveCorporateAccount(storage, account);
    expect(loadCorporateAccount(storage)).toEqual(account);
    forgetCorporateAccount(storage);
    expect(loadCorporateAccount(storage)).toBeUndefined();
  });

  it.each(['{not json', 'null', '"u-1"', '{"email":"x@example.com"}', '{"sub":42}'])('reads %s as no account', (stored) => {
    const storage = memoryStorage();
    storage.setItem(corporateAccountKey, stored);
    expect(loadCorporateAccount(storage)).toBeUndefined();
  });

  it('drops fields of the wrong type', () => {
    const storage = memoryStorage();
    storage.setItem(corporateAccountKey, JSON.stringify({ sub: 'u-1', email: ['x'], name: { first: 'N' } }));
    expect(loadCorporateAccount(storage)).toEqual({ sub: 'u-1', email: null, name: null });
  });
});
