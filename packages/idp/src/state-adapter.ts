import type { Clock, IdentityProviderStateStore, RelyingPartyStore } from '@ward/core';
import { errors, type Adapter, type AdapterFactory, type AdapterPayload } from 'oidc-provider';
import { relyingPartyClientMetadata } from './client-metadata.js';

/** What the adapter reads and writes: the provider state and the relying parties (for `Client`). */
export type IdentityProviderStores = Pick<RelyingPartyStore, 'findRelyingPartyByClientId'> & IdentityProviderStateStore;

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * oidc-provider's adapter (its `adapter` option) over Ward's storage: every model is a row of the
 * state store, never memory, so a restart or another node sees the same sessions, codes and tokens.
 *
 * - `Client` is read-only and comes from the relying parties (dynamic registration is off).
 * - A lapsed row is absent, whatever the purge job has not yet deleted.
 * - `consume` is a conditional write: the loser of two concurrent redemptions of one code or
 *   refresh token gets `invalid_grant` instead of a second set of tokens.
 */
export function createStateAdapterFactory(stores: IdentityProviderStores, clock: Clock): AdapterFactory {
  return (model: string): Adapter => {
    const toPayload = (found: Awaited<ReturnType<IdentityProviderStateStore['findIdpState']>>): AdapterPayload | undefined => {
      if (found === undefined) return undefined;
      if (found.expiresAt !== null && found.expiresAt.getTime() <= clock.now().getTime()) return undefined;
      const payload = { ...found.payload } as AdapterPayload;
      // oidc-provider reads `consumed` as truthy; seconds, as its memory adapter stores it.
      if (found.consumedAt !== null) payload.consumed = Math.floor(found.consumedAt.getTime() / 1000);
      return payload;
    };

    if (model === 'Client') {
      return {
        async find(id) {
          const party = await stores.findRelyingPartyByClientId(id);
          return party === undefined ? undefined : relyingPartyClientMetadata(party);
        },
        upsert: () => Promise.reject(new Error('Clients are registered through Ward\'s relying parties, not the provider.')),
        findByUid: () => Promise.resolve(undefined),
        findByUserCode: () => Promise.resolve(undefined),
        consume: () => Promise.resolve(undefined),
        destroy: () => Promise.reject(new Error('Clients are deleted through Ward\'s relying parties, not the provider.')),
        revokeByGrantId: () => Promise.resolve(undefined),
      };
    }

    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(clock.now().getTime() + expiresIn * 1000) : null;
        const consumed: unknown = payload.consumed;
        const stored: Record<string, unknown> = { ...payload };
        delete stored['consumed'];
        // A consumed object saved again stays consumed: a rotated refresh token must not come back.
        const consumedAt = typeof consumed === 'number' ? new Date(consumed * 1000) : consumed === undefined || consumed === null || consumed === false ? null : clock.now();
        await stores.upsertIdpState({
          model,
          id,
          payload: stored,
          grantId: optionalString(payload.grantId),
          uid: optionalString(payload.uid),
          userCode: optionalString(payload.userCode),
          clientId: optionalString(payload.clientId),
          expiresAt,
          consumedAt,
        });
      },
      async find(id) {
        return toPayload(await stores.findIdpState(model, id));
      },
      async findByUid(uid) {
        return toPayload(await stores.findIdpStateByUid(model, uid));
      },
      async findByUserCode(userCode) {
        return toPayload(await stores.findIdpStateByUserCode(model, userCode));
      },
      async consume(id) {
        if (!(await stores.consumeIdpState(model, id, clock.now()))) throw new errors.InvalidGrant(`${model} already consumed`);
      },
      async destroy(id) {
        await stores.destroyIdpState(model, id);
      },
      async revokeByGrantId(grantId) {
        await stores.revokeIdpStatesByGrantId(grantId);
      },
    };
  };
}
