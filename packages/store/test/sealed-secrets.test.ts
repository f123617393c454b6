import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { WardError, type CompliancePolicy, type CompliancePolicyId, type Profile, type ProfileId, type TenantId } from '@ward/core';
import { columnCodec } from '../src/database/column-codec.js';
import { createStores, type WardStoreSet } from '../src/index.js';
import { makeTenant, t0 } from './support/fixtures.js';
import { createTestSecretBox } from './support/test-secret-box.js';
import { nodeDigests, openTestDatabase, sequentialIds, testDialects, type TestDatabase } from './support/test-database.js';

const pid = (s: string) => s as ProfileId;
const cpid = (s: string) => s as CompliancePolicyId;

const secrets = {
  passphrase: 'correct horse battery staple',
  sharedSecret: 'ikev2-shared-secret-Ünïcode-✓',
  privateKey: 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=',
  presharedA: 'FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=',
  presharedB: 'GqDzixt0dyxXpW5yFMugKwkKO+0RWSQJTmmSXhfpqWF=',
  challenge: 'scep-challenge-0123456789',
  webhook: 'webhook-secret-0123456789',
} as const;

function header(tenantId: TenantId, id: string, name: string) {
  return { id: pid(id), tenantId, name, description: '', platforms: ['macos' as const], version: 1, createdAt: t0, updatedAt: t0 };
}

/** One profile per place a secret lives (`mapSecrets`), and one without any. */
function profilesOf(tenantId: TenantId): Profile[] {
  const onDemand = { enabled: false, rules: [] };
  return [
    {
      ...header(tenantId, 'p-wifi', 'Office Wi-Fi'),
      kind: 'wifi',
      body: { ssid: 'HQ', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: secrets.passphrase, proxy: { type: 'none' } },
    },
    {
      ...header(tenantId, 'p-ikev2', 'IKEv2'),
      kind: 'vpn',
      body: { connectionName: 'Corp', onDemand, type: 'ikev2', server: 'vpn.example.com', remoteId: 'vpn.example.com', localId: '{{device.serial}}', authentication: { method: 'sharedSecret', sharedSecret: secrets.sharedSecret } },
    },
    {
      ...header(tenantId, 'p-wg', 'WireGuard'),
      kind: 'vpn',
      body: {
        connectionName: 'WG',
        onDemand,
        type: 'wireguard',
        interface: { addresses: ['10.0.0.2/32'], dns: [], privateKey: secrets.privateKey },
        peers: [
          { publicKey: 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=', presharedKey: secrets.presharedA, endpoint: 'a.example.com:51820', allowedIps: ['0.0.0.0/0'] },
          { publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', presharedKey: secrets.presharedB, endpoint: 'b.example.com:51820', allowedIps: ['10.1.0.0/16'] },
        ],
      },
    },
    {
      ...header(tenantId, 'p-scep', 'SCEP'),
      kind: 'certificate',
      body: { type: 'scep', url: 'https://scep.example.com/scep', challenge: secrets.challenge, subject: 'CN={{device.serial}}', keySize: 2048, keyUsage: ['digitalSignature'] },
    },
    { ...header(tenantId, 'p-settings', 'Passcode'), kind: 'settings', body: { settings: { 'passcode.required': true } } },
  ];
}

function policyOf(tenantId: TenantId, id = 'cp-hook'): CompliancePolicy {
  return {
    id: cpid(id),
    tenantId,
    name: `Policy ${id}`,
    description: '',
    platforms: ['macos'],
    rules: [{ id: 'disk', kind: 'diskEncrypted', remediation: null }],
    actions: [
      { id: 'grace', kind: 'markNoncompliant', afterHours: 24 },
      { id: 'hook', kind: 'notifyWebhook', afterHours: 0, url: 'https://hooks.example.com/ward', secret: secrets.webhook },
      { id: 'hook-2', kind: 'notifyWebhook', afterHours: 1, url: 'https://hooks.example.com/other', secret: 'second-webhook-secret' },
    ],
    validityDays: 30,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
  };
}

/** A JSON column as text, whichever way the dialect hands it back (jsonb arrives parsed). */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const plaintexts = [...Object.values(secrets), 'second-webhook-secret'];

async function expectLoudError(read: Promise<unknown>, naming: RegExp): Promise<void> {
  const error: unknown = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WardError);
  expect((error as WardError).code).toBe('INTERNAL');
  expect((error as WardError).message).toMatch(naming);
}

describe.each(testDialects)('sealed secrets at rest (%s)', (dialect) => {
  let t: TestDatabase;
  /** The server's view: stores given a SecretBox. */
  let sealed: WardStoreSet;
  /** Stores created without one, over the same data (rows "written before sealing"). */
  let plain: WardStoreSet;
  /** Same data, another master key. */
  let otherKey: WardStoreSet;
  const tenant = makeTenant('tenant-a').id;
  const codec = columnCodec(dialect);

  const rawProfileBody = async (id: string): Promise<string> =>
    asText((await sql<{ body: unknown }>`select body from profiles where tenant_id = ${tenant} and id = ${id}`.execute(t.database.db)).rows[0]?.body);
  const rawActions = async (id: string): Promise<string> =>
    asText((await sql<{ actions: unknown }>`select actions from compliance_policies where tenant_id = ${tenant} and id = ${id}`.execute(t.database.db)).rows[0]?.actions);
  const setProfileBody = async (id: string, body: unknown): Promise<void> => {
    await t.database.db.updateTable('profiles').set({ body: codec.json(body) }).where('tenant_id', '=', tenant).where('id', '=', id).execute();
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    const ids = sequentialIds();
    sealed = createStores(t.database, { digests: nodeDigests, ids, secrets: createTestSecretBox() });
    plain = createStores(t.database, { digests: nodeDigests, ids });
    otherKey = createStores(t.database, { digests: nodeDigests, ids, secrets: createTestSecretBox() });
    await sealed.stores.insertTenant(makeTenant('tenant-a'));
    for (const profile of profilesOf(tenant)) expect(await sealed.stores.insertProfile(profile)).toBe(true);
    expect(await sealed.stores.insertCompliancePolicy(policyOf(tenant))).toBe(true);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('keeps no plaintext secret in the rows, and reads every secret back as written', async () => {
    const all = profilesOf(tenant);
    for (const profile of all) {
      const body = await rawProfileBody(profile.id);
      for (const secret of plaintexts) expect(body).not.toContain(secret);
      if (profile.kind !== 'settings') expect(body).toContain('ward-sealed:');
    }
    const actions = await rawActions('cp-hook');
    for (const secret of plaintexts) expect(actions).not.toContain(secret);
    expect(actions.match(/ward-sealed:/g)).toHaveLength(2);
    // The rest of the body stays readable in SQL (names, URLs, peers' public keys).
    expect(await rawProfileBody('p-wg')).toContain('HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=');

    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const s = sealed.stores;
    for (const profile of all) {
      expect(await s.getProfile(tenant, profile.id)).toEqual(profile);
      expect(await s.getProfileByName(tenant, profile.name.toUpperCase())).toEqual(profile);
    }
    expect([...(await s.getProfiles(tenant, all.map((p) => p.id)))].sort(byId)).toEqual([...all].sort(byId));
    expect(await s.listAllProfiles(tenant)).toEqual([...all].sort(byId));
    expect((await s.listProfiles(tenant, { kind: 'vpn' }, { limit: 10, sort: 'name', order: 'asc' })).items).toEqual([all[1], all[2]]);
    expect(await s.getCompliancePolicy(tenant, cpid('cp-hook'))).toEqual(policyOf(tenant));
    expect(await s.getCompliancePolicyByName(tenant, 'policy cp-hook')).toEqual(policyOf(tenant));
    expect(await s.listAllCompliancePolicies(tenant)).toEqual([policyOf(tenant)]);
    expect((await s.listCompliancePolicies(tenant, {}, { limit: 10, sort: 'name', order: 'asc' })).items).toEqual([policyOf(tenant)]);
  });

  it('seals on update, and inside transactions too', async () => {
    const [wifi] = profilesOf(tenant);
    if (wifi?.kind !== 'wifi') throw new Error('fixture: the first profile is Wi-Fi');
    const changed: Profile = { ...wifi, version: 2, body: { ...wifi.body, passphrase: 'a new passphrase' } };
    expect(await sealed.tx.transaction((s) => s.updateProfile(changed))).toBe(true);
    expect(await rawProfileBody('p-wifi')).not.toContain('a new passphrase');
    expect(await sealed.stores.getProfile(tenant, pid('p-wifi'))).toEqual(changed);

    const inTx = policyOf(tenant, 'cp-tx');
    expect(await sealed.tx.transaction((s) => s.insertCompliancePolicy(inTx))).toBe(true);
    expect(await rawActions('cp-tx')).not.toContain(secrets.webhook);
    expect(await sealed.tx.transaction((s) => s.getCompliancePolicy(tenant, cpid('cp-tx')))).toEqual(inTx);
  });

  it('fails loudly, naming the profile, when a sealed value is altered or moved', async () => {
    const wg = JSON.parse(await rawProfileBody('p-wg')) as { interface: { privateKey: string }; peers: { presharedKey: string }[] };
    const original = structuredClone(wg);
    const [prefix = '', iv = '', body = '', tag = ''] = wg.interface.privateKey.split('.');
    // Flip the first ciphertext character: a whole byte changes, and GCM's tag no longer verifies.
    wg.interface.privateKey = [prefix, iv, (body.startsWith('A') ? 'B' : 'A') + body.slice(1), tag].join('.');
    await setProfileBody('p-wg', wg);
    const naming = /Profile "WireGuard" \(p-wg, tenant tenant-a\), secret body\.interface\.privateKey: the sealed secret does not open/;
    await expectLoudError(sealed.stores.getProfile(tenant, pid('p-wg')), naming);
    await expectLoudError(sealed.stores.listAllProfiles(tenant), naming);
    await expectLoudError(sealed.stores.getProfiles(tenant, [pid('p-wg')]), naming);

    // A value sealed for one peer, copied to the other: the label names the peer, so it does not open.
    const swapped = structuredClone(original);
    const [peerA, peerB] = swapped.peers;
    if (peerA === undefined || peerB === undefined) throw new Error('fixture: two peers');
    peerB.presharedKey = peerA.presharedKey;
    await setProfileBody('p-wg', swapped);
    await expectLoudError(sealed.stores.getProfile(tenant, pid('p-wg')), /p-wg.*secret body\.peers\[xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\]\.presharedKey/);

    // Copied from another profile's row into this field.
    const scep = JSON.parse(await rawProfileBody('p-scep')) as { challenge: string };
    await setProfileBody('p-wg', { ...original, interface: { ...original.interface, privateKey: scep.challenge } });
    await expectLoudError(sealed.stores.getProfile(tenant, pid('p-wg')), /p-wg.*privateKey/);

    await setProfileBody('p-wg', original);
    expect(await sealed.stores.getProfile(tenant, pid('p-wg'))).toEqual(profilesOf(tenant)[2]);
  });

  it('fails loudly on a tampered webhook secret, another master key, or no SecretBox', async () => {
    const actions = JSON.parse(await rawActions('cp-hook')) as { id: string; secret?: string }[];
    const [, hook, hook2] = actions;
    if (hook?.secret === undefined || hook2?.secret === undefined) throw new Error('fixture: two webhook actions');
    const original = JSON.stringify(actions);
    // Swap the two actions' sealed secrets: each is bound to its action id.
    [hook.secret, hook2.secret] = [hook2.secret, hook.secret];
    await t.database.db.updateTable('compliance_policies').set({ actions: codec.json(actions) }).where('tenant_id', '=', tenant).where('id', '=', 'cp-hook').execute();
    await expectLoudError(sealed.stores.getCompliancePolicy(tenant, cpid('cp-hook')), /Compliance policy "Policy cp-hook" \(cp-hook, tenant tenant-a\), secret of webhook action hook:/);
    await expectLoudError(sealed.stores.listAllCompliancePolicies(tenant), /cp-hook/);
    await t.database.db.updateTable('compliance_policies').set({ actions: original }).where('tenant_id', '=', tenant).where('id', '=', 'cp-hook').execute();
    expect(await sealed.stores.getCompliancePolicy(tenant, cpid('cp-hook'))).toEqual(policyOf(tenant));

    await expectLoudError(otherKey.stores.getProfile(tenant, pid('p-scep')), /Profile "SCEP" \(p-scep, tenant tenant-a\), secret body\.challenge: the sealed secret does not open under this master key/);
    await expectLoudError(otherKey.stores.getCompliancePolicy(tenant, cpid('cp-hook')), /does not open under this master key/);
    await expectLoudError(plain.stores.getProfile(tenant, pid('p-scep')), /Profile "SCEP" .*created without a SecretBox/);
    await expectLoudError(plain.stores.listCompliancePolicies(tenant, {}, { limit: 10, sort: 'name', order: 'asc' }), /created without a SecretBox/);
    // A profile without secrets reads whatever the stores were given.
    expect(await plain.stores.getProfile(tenant, pid('p-settings'))).toEqual(profilesOf(tenant)[4]);
  });

  it('reads rows written before sealing as they are, and seals them on their next write', async () => {
    const legacy: Profile = { ...header(tenant, 'p-legacy', 'Legacy Wi-Fi'), kind: 'wifi', body: { ssid: 'Old', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'legacy passphrase', proxy: { type: 'none' } } };
    const legacyPolicy = policyOf(tenant, 'cp-legacy');
    expect(await plain.stores.insertProfile(legacy)).toBe(true);
    expect(await plain.stores.insertCompliancePolicy(legacyPolicy)).toBe(true);
    expect(await rawProfileBody('p-legacy')).toContain('legacy passphrase');
    expect(await rawActions('cp-legacy')).toContain(secrets.webhook);

    expect(await sealed.stores.getProfile(tenant, pid('p-legacy'))).toEqual(legacy);
    expect(await sealed.stores.getCompliancePolicy(tenant, cpid('cp-legacy'))).toEqual(legacyPolicy);
    expect(await plain.stores.getProfile(tenant, pid('p-legacy'))).toEqual(legacy);

    const edited: Profile = { ...legacy, description: 'edited', version: 2 };
    expect(await sealed.stores.updateProfile(edited)).toBe(true);
    expect(await sealed.stores.updateCompliancePolicy({ ...legacyPolicy, version: 2 })).toBe(true);
    expect(await rawProfileBody('p-legacy')).not.toContain('legacy passphrase');
    expect(await rawActions('cp-legacy')).not.toContain(secrets.webhook);
    expect(await sealed.stores.getProfile(tenant, pid('p-legacy'))).toEqual(edited);
    expect(await sealed.stores.getCompliancePolicy(tenant, cpid('cp-legacy'))).toEqual({ ...legacyPolicy, version: 2 });
  });
});
