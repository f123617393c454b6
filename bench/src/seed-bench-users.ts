import type { TenantId, User, UserId, WardStores } from '@ward/core';
import { benchIds } from './bench-deps.js';

/** What seeding needs: transactions over the store ports. */
export interface SeedTransactions {
  transaction<T>(work: (s: WardStores) => Promise<T>): Promise<T>;
}

const departments = ['Finance', 'Sales', 'Engineering', 'Support'] as const;

/**
 * Seeds `count` directory users (`user<i>@example.com`, one a second back from now) through the
 * store ports, 2,000 a transaction; returns their ids in order. Shared by the benches that seed a
 * tenant (api, console), so each seeds the same directory.
 */
export async function seedBenchUsers(tx: SeedTransactions, tenantId: TenantId, count: number): Promise<UserId[]> {
  const now = Date.now();
  const ids: UserId[] = [];
  for (let start = 0; start < count; start += 2000) {
    await tx.transaction(async (s) => {
      for (let i = start; i < Math.min(count, start + 2000); i++) {
        const at = new Date(now - (count - i) * 1000);
        const user: User = {
          id: benchIds.newId() as UserId,
          tenantId,
          email: `user${i}@example.com`,
          displayName: `User ${i}`,
          givenName: 'User',
          surname: String(i),
          department: departments[i % departments.length] ?? 'Support',
          jobTitle: null,
          employeeId: `E${i}`,
          attributes: {},
          disabled: false,
          createdAt: at,
          updatedAt: at,
        };
        await s.insertUser(user);
        ids.push(user.id);
      }
    });
  }
  return ids;
}
