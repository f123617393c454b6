import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as oidc from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess, assertAgentBuilt, runAgent } from '../../agent/test/support/agent-process.js';
import { TestBrowser, type PageVisit } from '../../../packages/idp/test/support/sign-in-harness.js';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

interface RuleResult {
  ruleId: string;
  title: string;
  outcome: string;
}
interface Explanation {
  state: string;
  policies: { policyId: string; state: string; rules: RuleResult[] }[];
}
interface AccessPolicy {
  id: string;
  version: number;
  state: string;
}
interface SignIn {
  userId: string | null;
  deviceId: string | null;
  outcome: string;
  failureReason: string | null;
  policies: { policyId: string; result: string; reportOnly: boolean; missingControls: string[] }[];
}

// The proof of issue 6, as a service would see it: `ward serve` and the real agent on loopback,
// openid-client as the relying party, and a browser with or without the device's certificate. A
// user on a compliant enrolled device signs in (mTLS, then a device-key assertion the agent
// printed) and gets tokens naming the device; the device turns noncompliant through a check-in and
// its tokens die, and the next sign-in shows the blocked page with the failing rule; a device-less
// browser is blocked by "require compliant device" and let through once the policy is report-only,
// both in the sign-in log.
describe('identity provider end to end (ward serve, ward-agent, openid-client)', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir('ward-idp-e2e-');
  const root = mkdtempSync(join(tmpdir(), 'ward-idp-agent-root-'));
  const stateDir = join(root, 'var', 'lib', 'ward-agent');
  const callback = 'https://wiki.example.com/callback';
  const user = { email: 'ada@example.com', password: 'correct horse battery staple' };
  let ward: ServedWard | undefined;
  let agent: AgentProcess | undefined;
  let token = '';
  let userId = '';
  let deviceId = '';
  let compliancePolicyId = '';
  let access: AccessPolicy | undefined;
  let cfg: oidc.Configuration;
  let issuer = '';
  const browsers: TestBrowser[] = [];
  // Tokens of the device's sign-ins, refreshed once: they must die when the device turns noncompliant.
  const deviceTokens: { access: string; refresh: string }[] = [];

  const served = (): ServedWard => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward;
  };
  const api = <T>(method: string, path: string, body?: unknown) => served().client.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  const logs = (): string => `agent stderr:\n${agent?.stderr.slice(-3000) ?? ''}\nserver stderr:\n${ward?.process.stderr.slice(-3000) ?? ''}`;
  const text = (html: string): string => html.replace(/<[^>]+>/gu, ' ').replace(/&#39;/gu, "'").replace(/\s+/gu, ' ');

  /** A browser; with `device`, it presents the agent's certificate and key over TLS. */
  const browser = (device: boolean): TestBrowser => {
    const tls = device ? { cert: readFileSync(join(stateDir, 'device-certificate.pem'), 'utf8'), key: readFileSync(join(stateDir, 'device-key.pem'), 'utf8') } : {};
    const made = new TestBrowser(new Agent({ connect: { ca: served().caPem, ...tls }, pipelining: 0 }), new URL(served().url).host);
    browsers.push(made);
    return made;
  };

  /** Starts a code flow with PKCE as the relying party would, and signs in with the password. */
  const signIn = async (b: TestBrowser, extra: Record<string, string> = {}): Promise<{ final: PageVisit; verifier: string; state: string }> => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope: 'openid email offline_access', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
    const page = await b.visit(url);
    expect(page.status, page.body.slice(0, 300)).toBe(200);
    return { final: await b.submit(page, user), verifier, state };
  };
  const redeem = async ({ final, verifier, state }: { final: PageVisit; verifier: string; state: string }) => {
    expect(final.url.origin + final.url.pathname, text(final.body).slice(0, 600)).toBe(callback);
    return oidc.authorizationCodeGrant(cfg, final.url, { pkceCodeVerifier: verifier, expectedState: state });
  };
  const signIns = async (): Promise<SignIn[]> => {
    const page = await api<{ items: SignIn[] }>('GET', `/api/v1/identity/sign-ins?userId=${userId}&limit=50`);
    expect(page.status, page.text).toBe(200);
    return page.body.items;
  };
  const explanation = async (): Promise<Explanation> => (await api<Explanation>('GET', `/api/v1/devices/${deviceId}/compliance`)).body;

  beforeAll(async () => {
    assertAgentBuilt();
    const port = await freePort();
    ward = await startWard(dataDir, {}, port);
    token = await signInFirstAdmin(ward);
    issuer = `${ward.url}/oidc`;

    // The directory has no password path for a plain user; a read-only auditor is a directory user
    // whose password the admin sets, and holds no power over what this test checks.
    const created = await api<{ user: { id: string } }>('POST', '/api/v1/admins', { email: user.email, displayName: 'Ada', role: 'readOnlyAuditor', password: user.password });
    expect(created.status, created.text).toBe(201);
    userId = created.body.user.id;

    const party = await api<{ relyingParty: { clientId: string }; clientSecret: string }>('POST', '/api/v1/identity/relying-parties', {
      name: 'Wiki',
      redirectUris: [callback],
      postLogoutRedirectUris: [],
      jwks: null,
      grantTypes: ['authorization_code', 'refresh_token'],
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect(party.status, party.text).toBe(201);
    // The relying party's HTTP client trusts Ward's CA and has no certificate of its own.
    setGlobalDispatcher(new Agent({ connect: { ca: ward.caPem }, pipelining: 0 }));
    cfg = await oidc.discovery(new URL(issuer), party.body.relyingParty.clientId, {}, oidc.ClientSecretBasic(party.body.clientSecret));

    const compliance = await api<{ id: string }>('POST', '/api/v1/compliance-policies', {
      name: 'Supported Linux',
      platforms: ['linux'],
      rules: [{ id: 'os', kind: 'minOsVersion', version: '40', remediation: 'Upgrade Test Linux to release 40 or later.' }],
    });
    expect(compliance.status, compliance.text).toBe(201);
    compliancePolicyId = compliance.body.id;
    const assigned = await api('POST', `/api/v1/compliance-policies/${compliancePolicyId}/assignments`, { target: { type: 'allDevices' } });
    expect(assigned.status, assigned.text).toBe(201);

    const policy = await api<AccessPolicy>('POST', '/api/v1/identity/conditional-access-policies', {
      name: 'Wiki needs a compliant device',
      state: 'enabled',
      conditions: { users: { include: 'all' }, relyingParties: { include: [party.body.relyingParty.clientId] } },
      grant: { kind: 'require', controls: ['compliantDevice'] },
    });
    expect(policy.status, policy.text).toBe(201);
    access = policy.body;

    // The machine, as the agent sees it under --root: release 42 meets the policy.
    mkdirSync(join(root, 'etc', 'ward-agent'), { recursive: true });
    writeFileSync(join(root, 'etc', 'machine-id'), 'a1b2c3d4e5f60718293a4b5c6d7e8f90\n');
    writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Test Linux"\nID=testlinux\nVERSION_ID="42"\nPRETTY_NAME="Test Linux 42"\n');
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ actions: { lock: ['true'], restart: ['true'] } }));
    const enrollment = await runWard(['enrollment-token', 'create', '--name', 'idp-e2e', '--user', user.email, '--no-qr', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], wardEnv());
    expect(enrollment.code, enrollment.stderr).toBe(0);
    const words = (enrollment.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('ward-agent enroll ')) ?? '').split(' ').slice(1);
    const enrolled = await runAgent(['--root', root, ...words, '--name', 'ada-laptop']);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    deviceId = /Enrolled as device (\S+) /.exec(enrolled.stdout)?.[1] ?? '';
    expect(deviceId).not.toBe('');
    agent = new AgentProcess(['--root', root, 'run']);
    await poll('the device evaluated compliant from its first check-in', async () => ((await explanation()).state === 'compliant' ? true : undefined), { describe: logs });
  }, 180_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await agent?.stop('SIGKILL');
    await ward?.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('signs the user in on the compliant device proven by mTLS: tokens carry the device and its compliance', async () => {
    const tokens = await redeem(await signIn(browser(true)));
    expect(tokens.claims()).toMatchObject({ sub: userId, device_id: deviceId, device_compliance: 'compliant', acr: 'urn:ward:acr:compliantDevice', amr: ['pwd'] });
    expect(await oidc.tokenIntrospection(cfg, tokens.access_token)).toMatchObject({ active: true, device_id: deviceId, device_compliance: 'compliant' });
    const refreshed = await oidc.refreshTokenGrant(cfg, tokens.refresh_token ?? '');
    expect(refreshed.claims()).toMatchObject({ device_id: deviceId, device_compliance: 'compliant' });
    deviceTokens.push({ access: refreshed.access_token, refresh: refreshed.refresh_token ?? '' });
    const entry = (await signIns()).find((s) => s.outcome === 'success');
    expect(entry).toMatchObject({ deviceId, failureReason: null });
  });

  it('proves the device without a client certificate by the assertion `ward-agent sign-in-assertion` prints', async () => {
    const printed = await runAgent(['--root', root, 'sign-in-assertion', '--audience', issuer]);
    expect(printed.code, printed.stderr).toBe(0);
    const assertion = printed.stdout.trim();
    const tokens = await redeem(await signIn(browser(false), { device_assertion: assertion }));
    expect(tokens.claims()).toMatchObject({ sub: userId, device_id: deviceId, device_compliance: 'compliant' });
    deviceTokens.push({ access: tokens.access_token, refresh: tokens.refresh_token ?? '' });
    // Replayed by another browser: an unknown device, blocked, with the reason on the page.
    const replayed = (await signIn(browser(false), { device_assertion: assertion })).final;
    expect(replayed.status).toBe(403);
    expect(text(replayed.body)).toContain('This device assertion was used already');
    // Operators see the reason code in the server's log.
    await poll('the refusal in the server log', () => (/"deviceAssertion":"replayed"/u.test(served().process.stdout + served().process.stderr) ? true : undefined), { timeoutMs: 10_000, describe: logs });
  });

  it('blocks the device once a check-in makes it noncompliant: tokens die, and the next sign-in explains the failing rule', async () => {
    writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Test Linux"\nID=testlinux\nVERSION_ID="39"\nPRETTY_NAME="Test Linux 39"\n');
    const action = await api<{ status: string }>('POST', `/api/v1/devices/${deviceId}/actions`, { type: 'refreshInventory' });
    expect(action.status, action.text).toBe(202);
    const evaluated = await poll('the device evaluated noncompliant from the new facts', async () => {
      const found = await explanation();
      return found.state === 'noncompliant' ? found : undefined;
    }, { describe: logs });
    const failing = evaluated.policies.find((p) => p.policyId === compliancePolicyId)?.rules.find((r) => r.ruleId === 'os');
    expect(failing?.outcome).toBe('failed');

    // The revocation follows the evaluation's event; the window is generous, the target is seconds.
    for (const t of deviceTokens) {
      await poll('the device\'s access token to turn inactive', async () => ((await oidc.tokenIntrospection(cfg, t.access)).active ? undefined : true), { timeoutMs: 30_000, describe: logs });
      await expect(oidc.refreshTokenGrant(cfg, t.refresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    }

    const blocked = (await signIn(browser(true))).final;
    expect(blocked.status).toBe(403);
    const shown = text(blocked.body);
    expect(shown).toContain('Wiki needs a compliant device');
    expect(shown).toContain('ada-laptop does not meet');
    expect(shown).toContain(failing?.title ?? 'missing title');
    expect(shown).toContain('Upgrade Test Linux to release 40 or later.');
    const entry = (await signIns()).find((s) => s.outcome === 'failure');
    expect(entry).toMatchObject({ deviceId, failureReason: 'ACCESS_BLOCKED' });
  });

  it('blocks a device-less browser under "require compliant device", allows it under report-only, and logs both', async () => {
    const blocked = (await signIn(browser(false))).final;
    expect(blocked.status).toBe(403);
    expect(text(blocked.body)).toContain('This device is not recognised');
    const current = access;
    if (current === undefined) throw new Error('no access policy');
    const switched = await api<AccessPolicy>('PATCH', `/api/v1/identity/conditional-access-policies/${current.id}`, { state: 'reportOnly', expectedVersion: current.version });
    expect(switched.status, switched.text).toBe(200);
    access = switched.body;

    const tokens = await poll('the report-only policy to let the browser in', async () => {
      const attempt = await signIn(browser(false));
      return attempt.final.url.origin + attempt.final.url.pathname === callback ? redeem(attempt) : undefined;
    }, { timeoutMs: 30_000, describe: logs });
    expect(tokens.claims()).toMatchObject({ sub: userId });
    expect(tokens.claims()?.device_id ?? null).toBeNull();

    const log = await signIns();
    const allowed = log.find((s) => s.outcome === 'success' && s.deviceId === null);
    expect(allowed?.policies).toContainEqual(expect.objectContaining({ policyId: current.id, result: 'failure', reportOnly: true, missingControls: ['compliantDevice'] }));
    const refused = log.find((s) => s.outcome === 'failure' && s.deviceId === null);
    expect(refused).toMatchObject({ failureReason: 'ACCESS_BLOCKED' });
    expect(refused?.policies).toContainEqual(expect.objectContaining({ policyId: current.id, result: 'failure', reportOnly: false }));
  });
});
