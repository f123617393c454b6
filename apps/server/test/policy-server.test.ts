import { X509Certificate, createPrivateKey } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Agent, fetch } from 'undici';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentApiPrefix, type CheckInRequest, type CheckInResponse, type EnrollResponse } from '@ward/agent-protocol';
import { createDeviceKey } from '@ward/simulator';
import { poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

interface ProfileRow {
  profileId: string;
  profileName: string | null;
  status: string;
  desiredHash: string | null;
  reportedHash: string | null;
  reason: string | null;
}
interface ComplianceExplanation {
  state: string;
  policies: { policyId: string; state: string; rules: { ruleId: string; outcome: string }[] }[];
}
interface Mail {
  readonly from: string | undefined;
  readonly to: readonly string[];
  readonly raw: string;
}

/** A real SMTP relay on an ephemeral loopback port, without STARTTLS, keeping what it receives. */
async function startRelay(): Promise<{ port: number; received: Mail[]; close: () => Promise<void> }> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from === false ? undefined : from.address, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  // Typed here: @types/smtp-server's `net` does not resolve under NodeNext.
  const listening: TcpServer = server.server;
  return {
    port: (listening.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }),
  };
}

// The policy engine in a real `ward serve`: profiles and a compliance policy made through the
// admin API, a device enrolled and checking in over the agent protocol (mTLS), the background
// jobs computing its desired state and compliance, and the compliance sweep e-mailing the help
// desk through a real SMTP relay when the device's facts break a rule.
describe('ward serve runs the policy engine (SQLite, real process, loopback SMTP)', { timeout: 180_000 }, () => {
  const dataDir = tempDataDir('ward-policy-server-');
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let ward: ServedWard;
  let token = '';
  let settingsProfileId = '';
  let certificateProfileId = '';
  let policyId = '';
  let deviceId = '';
  let deviceAgent: Agent | undefined;

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await ward.client.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${response.text}`);
    return response.body;
  };
  const logs = (): string => `server stderr:\n${ward.process.stderr.slice(-6000)}`;

  async function checkIn(request: Omit<CheckInRequest, 'protocolVersion' | 'agentVersion' | 'results'>): Promise<CheckInResponse> {
    if (deviceAgent === undefined) throw new Error('not enrolled');
    const body: CheckInRequest = { protocolVersion: 1, agentVersion: '0.1.0-test', results: [], ...request };
    const response = await fetch(new URL(`${agentApiPrefix}/check-in`, ward.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), dispatcher: deviceAgent });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`check-in answered ${response.status}: ${text}`);
    return JSON.parse(text) as CheckInResponse;
  }

  const configuration = async (): Promise<ProfileRow[]> => (await api<{ items: ProfileRow[] }>('GET', `/api/v1/devices/${deviceId}/configuration`)).items;
  const compliance = (): Promise<ComplianceExplanation> => api<ComplianceExplanation>('GET', `/api/v1/devices/${deviceId}/compliance`);

  beforeAll(async () => {
    relay = await startRelay();
    ward = await startWard(dataDir, {
      WARD_SMTP_HOST: '127.0.0.1',
      WARD_SMTP_PORT: String(relay.port),
      // The loopback relay offers no STARTTLS; opportunistic is what the configuration allows without credentials.
      WARD_SMTP_TLS: 'opportunistic',
      WARD_SMTP_FROM: 'Ward <ward@example.test>',
      WARD_COMPLIANCE_INTERVAL_SECONDS: '1',
    });
    token = await signInFirstAdmin(ward);
  });

  afterAll(async () => {
    await deviceAgent?.close();
    await ward.stop();
    await relay.close();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('computes a newly enrolled device’s desired state and compliance in the background', async () => {
    settingsProfileId = (await api<{ id: string }>('POST', '/api/v1/profiles', { name: 'Firewall on', kind: 'settings', body: { settings: { 'firewall.enabled': true, 'screenLock.timeoutSeconds': 300 } } })).id;
    certificateProfileId = (await api<{ id: string }>('POST', '/api/v1/profiles', { name: 'Device certificate', kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN={{device.serial}},OU=Devices', validityDays: 30 } })).id;
    policyId = (
      await api<{ id: string }>('POST', '/api/v1/compliance-policies', {
        name: 'Firewall required',
        platforms: ['linux'],
        rules: [{ kind: 'firewallOn', remediation: 'Turn the firewall on.' }],
        actions: [{ kind: 'notifyEmail', afterHours: 0, toPrimaryUser: false, extraRecipients: ['helpdesk@example.test'], subject: '{{device.name}} fails {{policy.name}}', body: 'Failing rules:\n{{failedRules}}\n' }],
      })
    ).id;
    for (const path of [`/api/v1/profiles/${settingsProfileId}`, `/api/v1/profiles/${certificateProfileId}`, `/api/v1/compliance-policies/${policyId}`]) {
      await api('POST', `${path}/assignments`, { target: { type: 'allDevices' } });
    }

    const enrollmentToken = (await api<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'policy-e2e', maxUses: 1 })).text;
    const key = createDeviceKey('policy-e2e-machine-0001');
    const enrolled = await ward.client.request<EnrollResponse>('POST', `${agentApiPrefix}/enroll`, {
      body: {
        protocolVersion: 1,
        enrollmentToken,
        csrPem: key.csrPem,
        device: { hardwareId: 'policy-e2e-machine-0001', name: 'policy-box', platform: 'linux', osVersion: '24.04', serialNumber: 'PE2E-0001', model: 'VM', manufacturer: 'Ward' },
      },
    });
    expect(enrolled.status, enrolled.text).toBe(201);
    deviceId = enrolled.body.deviceId;
    deviceAgent = new Agent({ connect: { ca: ward.caPem, cert: `${enrolled.body.certificatePem.trimEnd()}\n${enrolled.body.chainPem}`, key: key.privateKeyPem } });

    // No check-in yet: the rows come from the job enrollment enqueued.
    const rows = await poll('the desired state of the enrolled device', async () => {
      const found = await configuration();
      return found.length === 2 ? found : undefined;
    }, { describe: logs });
    expect(rows.map((r) => [r.profileName, r.status]).sort()).toEqual([['Device certificate', 'pending'], ['Firewall on', 'pending']]);
    for (const row of rows) expect(row.desiredHash).toMatch(/^[0-9a-f]{64}$/);
    const explained = await poll('the compliance evaluation of the enrolled device', async () => {
      const found = await compliance();
      return found.policies.length > 0 ? found : undefined;
    }, { describe: logs });
    // No facts yet: the rule cannot be judged, so nothing is failing and no e-mail is due.
    expect(explained.policies).toMatchObject([{ policyId, state: 'unknown', rules: [{ outcome: 'unknown' }] }]);
    expect(explained.state).toBe('unknown');
  });

  it('hands the device its profiles at check-in, with a Ward-issued certificate that is not issued anew', async () => {
    const desired = new Map((await configuration()).map((r) => [r.profileId, r.desiredHash]));
    const answer = await checkIn({ facts: { osVersion: '24.04', firewallOn: false } });
    const items = answer.configuration?.install ?? [];
    expect(items.map((i) => i.id).sort()).toEqual([settingsProfileId, certificateProfileId].sort());
    // The hashes are those the background job stored: the certificate was kept, not issued again.
    for (const item of items) expect(item.hash).toBe(desired.get(item.id));
    const settings = items.find((i) => i.id === settingsProfileId);
    expect(settings?.payload).toEqual({ settings: { 'firewall.enabled': true, 'screenLock.timeoutSeconds': 300 } });
    const certificate = items.find((i) => i.id === certificateProfileId)?.payload as { type: string; scope: string; certificatePem: string; chainPem: string; privateKeyPem: string };
    expect(certificate).toMatchObject({ type: 'issued', scope: 'device' });
    const cert = new X509Certificate(certificate.certificatePem);
    expect(cert.subject).toContain('CN=PE2E-0001');
    expect(cert.subject).toContain('OU=Devices');
    expect(cert.checkPrivateKey(createPrivateKey(certificate.privateKeyPem))).toBe(true);
    expect(cert.checkIssued(new X509Certificate(certificate.chainPem))).toBe(true);

    // The device applied both; once reported, nothing is offered again and the console sees it.
    const reported = await checkIn({ configuration: { reports: items.map((i) => ({ id: i.id, hash: i.hash, status: 'succeeded' as const })) } });
    expect(reported.configuration).toBeUndefined();
    expect((await configuration()).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('marks the device noncompliant from its facts and e-mails the help desk through the SMTP relay', async () => {
    const explained = await compliance();
    expect(explained.state).toBe('noncompliant');
    expect(explained.policies[0]?.rules[0]?.outcome).toBe('failed');
    const mail = await poll('the noncompliance e-mail', () => relay.received[0], { describe: logs, timeoutMs: 30_000 });
    expect(mail.to).toEqual(['helpdesk@example.test']);
    expect(mail.from).toBe('ward@example.test');
    expect(mail.raw).toMatch(/^Subject: policy-box fails Firewall required\r?$/m);
    expect(mail.raw).toContain('Failing rules:');
    // Sent once: the sweep keeps running, but the action is done.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(relay.received).toHaveLength(1);
  });

  it('turns the device compliant when its facts say the firewall is on', async () => {
    await checkIn({ facts: { firewallOn: true } });
    expect((await compliance()).state).toBe('compliant');
  });

  it('recomputes the device when it joins a group that an exclusion targets', async () => {
    const group = await api<{ id: string }>('POST', '/api/v1/groups', { name: 'No firewall profile', membershipType: 'static', memberType: 'device' });
    await api('POST', `/api/v1/profiles/${settingsProfileId}/assignments`, { target: { type: 'group', groupId: group.id }, mode: 'exclude' });
    await api('POST', `/api/v1/groups/${group.id}/members`, { memberIds: [deviceId] });
    const removing = await poll('the excluded profile to be removed', async () => {
      const row = (await configuration()).find((r) => r.profileId === settingsProfileId);
      return row?.status === 'removing' ? row : undefined;
    }, { describe: logs });
    expect(removing.desiredHash).toBeNull();
    const answer = await checkIn({});
    expect(answer.configuration?.remove).toEqual([settingsProfileId]);
    // Every job of the run succeeded.
    expect(ward.process.stderr).not.toMatch(/"msg":"job failed"|dropped/);
  });
});

describe('ward serve refuses an unusable SMTP configuration', () => {
  it('stops before opening anything, with the usage exit status and the option named', async () => {
    const dataDir = tempDataDir('ward-policy-smtp-');
    const caFile = join(dirname(dataDir), 'not-a-ca.pem');
    writeFileSync(caFile, 'this is no certificate\n');
    try {
      const run = await runWard(['serve', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], wardEnv({ WARD_SMTP_HOST: 'smtp.example.test', WARD_SMTP_FROM: 'ward@example.test', WARD_SMTP_CA_FILE: caFile }));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`WARD_SMTP_CA_FILE: ${caFile} holds no PEM certificate`);
      expect(run.stdout).not.toContain('listening');
    } finally {
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });
});
