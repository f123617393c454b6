import { describe, expect, it } from 'vitest';
import { createServerSecretStore, type ServerSecretStore } from '../src/index.js';
import { at } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';

describe.each(testDialects)('server secrets on %s', (dialect) => {
  const s = useStoreSuite(dialect);
  let now = at(0);
  const store = (): ServerSecretStore => createServerSecretStore(s.t.database, { clock: { now: () => now } });

  it('stores a secret once when absent, and the first writer’s value stays', async () => {
    const secrets = store();
    expect(await secrets.getServerSecret('ca-bundle')).toBeUndefined();
    const bundle = JSON.stringify({ sealed: 'v1.abc/+=', note: 'ü ☃' });
    expect(await secrets.putServerSecretIfAbsent('ca-bundle', bundle)).toBe(true);
    now = at(1000);
    expect(await secrets.putServerSecretIfAbsent('ca-bundle', 'second')).toBe(false);
    expect(await secrets.getServerSecret('ca-bundle')).toBe(bundle);
    expect(await secrets.getServerSecret('CA-BUNDLE')).toBeUndefined();
  });

  it('replaces a secret, keeping when it was created', async () => {
    const secrets = store();
    now = at(2000);
    await secrets.putServerSecret('command-signing-key', 'k1');
    now = at(3000);
    await secrets.putServerSecret('command-signing-key', 'k2');
    expect(await secrets.getServerSecret('command-signing-key')).toBe('k2');
    const row = await s.t.database.db.selectFrom('server_secrets').selectAll().where('name', '=', 'command-signing-key').executeTakeFirstOrThrow();
    // Server-wide rows carry the '*' tenant, which is also the column's default.
    expect(row.tenant_id).toBe('*');
    expect(new Date(row.created_at).getTime()).toBe(at(2000).getTime());
    expect(new Date(row.updated_at).getTime()).toBe(at(3000).getTime());
  });

  it('lets exactly one of several processes create a secret at first start', async () => {
    const instances = dialect === 'postgres' ? await Promise.all([0, 1, 2].map(async () => createServerSecretStore(await s.t.openAnother()))) : [store()];
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => instances[i % instances.length]!.putServerSecretIfAbsent('raced', `value-${i}`)));
    const winners = outcomes.flatMap((won, i) => (won ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(await store().getServerSecret('raced')).toBe(`value-${winners[0]!}`);
  });
});
