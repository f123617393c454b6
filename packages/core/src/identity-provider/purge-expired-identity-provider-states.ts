import type { Clock } from '../kernel/ports.js';
import type { IdentityProviderStateStore } from './ports.js';

/** The recurring job (any tenant) that deletes lapsed provider state. */
export const purgeIdentityProviderStatesJobKind = 'identityProvider.purgeExpiredStates';

/** How often it runs: lapsed rows are never read as valid, so this only bounds table growth. */
export const purgeIdentityProviderStatesEveryMs = 10 * 60_000;

/** Rows deleted per statement, so one run never holds the writer for long. */
const batch = 1000;

/**
 * Deletes every provider state (tokens, codes, sessions, interactions…) that expired before now,
 * in batches, and returns how many. The adapter already treats a lapsed row as absent; this keeps
 * the table from growing with them (the lesson of Fleet's command history).
 */
export async function purgeExpiredIdentityProviderStates(deps: { readonly clock: Clock; readonly stores: Pick<IdentityProviderStateStore, 'purgeExpiredIdpStates'> }): Promise<number> {
  const now = deps.clock.now();
  let total = 0;
  for (;;) {
    const deleted = await deps.stores.purgeExpiredIdpStates(now, batch);
    total += deleted;
    if (deleted < batch) return total;
  }
}
