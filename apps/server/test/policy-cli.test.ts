import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeGroupMembers, createGroup, registerDevice, systemPrincipal } from '@ward/core';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config/load-config.js';
import { openWard } from '../src/runtime/open-ward.js';
import { createLogger } from '../src/logging/create-logger.js';
import { tempDataDir } from './support/start-ward.js';

/** The outcome of one in-process `ward` run. */
interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// The CLI in-process on a real SQLite data directory: the same program `ward` runs, driven through its io.
describe('ward policy export|apply (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-policy-cli-');
  const root = dirname(dataDir);
  const secrets = { CORP_PSK: 'correct horse battery', HOOK_SECRET: 'a-webhook-secret-of-32-characters' };
  const baseEnv = { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent' };
  const deviceIds: Record<string, string> = {};

  async function ward(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { ...baseEnv, ...env } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  /** Writes a policy directory from `{ relative path: text }` and returns its path. */
  function policyDir(name: string, files: Readonly<Record<string, string>>): string {
    const dir = join(root, name);
    rmSync(dir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  /** Rows of a table, read straight from the database file. */
  function count(table: string): number {
    const db = new Database(join(dataDir, 'ward.db'), { readonly: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  const files = {
    'groups/lab-machines.yaml': 'name: Lab machines\ndescription: The lab\nmemberType: device\nmembershipType: static\n',
    'groups/finance.yaml': 'name: Finance\nmemberType: user\nmembershipType: dynamic\nrule: user.department == "Finance"\n',
    'filters/linux.yaml': 'name: Linux\nplatform: linux\nrule: device.platform == "linux"\n',
    'profiles/passcode.yaml': [
      'name: Passcode',
      'kind: settings',
      'platforms: [linux]',
      'body:',
      '  settings:',
      '    passcode.minimumLength: 8',
      '    screenLock.timeoutSeconds: 300',
      'assignments:',
      '  - target: { group: Lab machines }',
      '    filter: { name: Linux }',
      '',
    ].join('\n'),
    'profiles/corp-wifi.yaml': [
      'name: Corp Wi-Fi',
      'kind: wifi',
      'body:',
      '  ssid: Corp',
      '  security: wpa2Personal',
      '  passphrase: ${env:CORP_PSK}',
      'assignments:',
      '  - target: allDevices',
      '',
    ].join('\n'),
    'compliance/baseline.yaml': [
      'name: Baseline',
      'platforms: [linux, macos]',
      'rules:',
      '  - id: encrypted',
      '    kind: diskEncrypted',
      '  - id: firewall-custom',
      '    kind: custom',
      '    name: Firewall on',
      '    expression: device.firewallOn == true',
      'actions:',
      '  - id: grace',
      '    kind: markNoncompliant',
      '    afterHours: 24',
      '  - id: hook',
      '    kind: notifyWebhook',
      '    url: https://hooks.example.com/ward',
      '    secret: ${env:HOOK_SECRET}',
      'assignments:',
      '  - target: allDevices',
      '',
    ].join('\n'),
  };

  beforeAll(async () => {
    // Devices and a static group as enrollment and the console would make them.
    const config = loadConfig({ env: baseEnv });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const runtime = await openWard(config.config, { logger: createLogger({ level: 'silent', format: 'json', destination: { write: () => true }, base: {} }) });
    try {
      const principal = systemPrincipal(runtime.tenant.id, 'system');
      for (const [name, platform] of [['lab-01', 'linux'], ['lab-02', 'linux'], ['mac-01', 'macos']] as const) {
        const device = await registerDevice(runtime.deps, principal, { name, platform, ownership: 'corporate' });
        if (!device.ok) throw new Error(device.message);
        deviceIds[name] = device.value.id;
      }
      const lab = await createGroup(runtime.deps, principal, { name: 'Lab machines', description: 'The lab', memberType: 'device', membershipType: 'static' });
      if (!lab.ok) throw new Error(lab.message);
      const added = await changeGroupMembers(runtime.deps, principal, lab.value.id, { add: [deviceIds['lab-01'] ?? '', deviceIds['mac-01'] ?? ''] });
      if (!added.ok) throw new Error(added.message);
    } finally {
      await runtime.close();
    }
  });

  afterEach(() => {
    // `main` sets the process's exit status as the real CLI does; the test runner's must not inherit it.
    process.exitCode = undefined;
  });
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  it('dry-runs, then applies in one go, then finds nothing to do', async () => {
    const dir = policyDir('policy', files);
    const dry = await ward(['policy', 'apply', '-f', dir, '--dry-run'], secrets);
    expect(dry.stderr).not.toMatch(/error/i);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\+ create\s+group\s+Finance/);
    expect(dry.stdout).toMatch(/\+ create\s+profile\s+Passcode/);
    expect(dry.stdout).toMatch(/\+ create\s+assignment\s+Passcode → group Lab machines/);
    expect(dry.stdout).toMatch(/\+ create\s+compliance policy\s+Baseline/);
    // The static group exists with the same fields: unchanged. All three devices get the Wi-Fi; lab-01 also the passcode.
    expect(dry.stdout).toContain('Plan: 8 to create, 0 to update, 0 to delete, 1 unchanged.');
    expect(dry.stdout).toMatch(/Impact: 3 devices would change desired configuration: .*lab-01 \(/);
    expect(dry.stdout).toMatch(/Impact: 3 devices would change compliance/);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(count('profiles')).toBe(0);
    expect(count('assignments')).toBe(0);

    const applied = await ward(['policy', 'apply', '-f', dir], secrets);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied: 8 created, 0 updated, 0 deleted, 1 unchanged.');
    expect(count('profiles')).toBe(2);
    expect(count('compliance_policies')).toBe(1);
    expect(count('assignments')).toBe(3);

    const again = await ward(['policy', 'apply', '-f', dir], secrets);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes: the tenant already matches these files \(9 objects unchanged\)\./);
    expect(again.stdout).toMatch(/Impact: 0 devices change desired configuration\./);
  });

  it('exports files that apply back with no changes, the same bytes each time', async () => {
    const out = join(root, 'export');
    const first = await ward(['policy', 'export', '-o', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`Exported 5 files to ${out}: 2 profiles, 1 compliance, 1 groups, 1 filters.\n`);
    expect(first.stderr).toContain('WARD_SECRET_CORP_WI_FI_PASSPHRASE  (profiles/corp-wi-fi.yaml body.passphrase)');
    expect(first.stderr).toContain('WARD_SECRET_BASELINE_HOOK_SECRET  (compliance/baseline.yaml actions[1].secret)');
    const wifi = readFileSync(join(out, 'profiles/corp-wi-fi.yaml'), 'utf8');
    expect(wifi).toContain('passphrase: ${env:WARD_SECRET_CORP_WI_FI_PASSPHRASE}');
    expect(wifi).not.toContain(secrets.CORP_PSK);
    const snapshot = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const before = snapshot(out);

    const refused = await ward(['policy', 'export', '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --force');
    const second = await ward(['policy', 'export', '-o', out, '--force']);
    expect(second.code, second.stderr).toBe(0);
    expect(snapshot(out)).toEqual(before);

    const exportedSecrets = { WARD_SECRET_CORP_WI_FI_PASSPHRASE: secrets.CORP_PSK, WARD_SECRET_BASELINE_HOOK_SECRET: secrets.HOOK_SECRET };
    const dry = await ward(['policy', 'apply', '-f', out, '--dry-run'], exportedSecrets);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^No changes: the tenant already matches these files/);

    // `~` in place of a placeholder keeps the stored secret.
    const kept = policyDir('kept-secrets', Object.fromEntries(Object.entries(before).map(([f, text]) => [f, text.replace(/\$\{env:\w+\}/g, '~')])));
    const keep = await ward(['policy', 'apply', '-f', kept, '--dry-run']);
    expect(keep.code, keep.stderr).toBe(0);
    expect(keep.stdout).toMatch(/^No changes: the tenant already matches these files/);

    const unset = await ward(['policy', 'apply', '-f', out, '--dry-run']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('profiles/corp-wi-fi.yaml:');
    expect(unset.stderr).toMatch(/profiles\/corp-wi-fi\.yaml:\d+:\d+: reads the environment variable WARD_SECRET_CORP_WI_FI_PASSPHRASE, which is not set/);
  });

  it('reports a YAML syntax error at its file and line, and applies nothing', async () => {
    const dir = policyDir('syntax', { ...files, 'profiles/passcode.yaml': 'name: Passcode\nkind: settings\nbody:\n  settings: [passcode.minimumLength: 8\n' });
    const run = await ward(['policy', 'apply', '-f', dir], secrets);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^profiles\/passcode\.yaml:[45]:\d+: /m);
    expect(run.stderr).toMatch(/nothing was applied\)\n$/);
    expect(run.stdout).toBe('');
  });

  it('reports unknown keys, an out-of-range value and a missing group, all at once, each at its line', async () => {
    const dir = policyDir('invalid', {
      ...files,
      'groups/lab-machines.yaml': 'name: Lab machines\nmemberType: device\nmembershipType: static\nowner: it@example.com\n',
      'profiles/passcode.yaml': 'name: Passcode\nkind: settings\nplatforms: [linux]\nbody:\n  settings:\n    passcode.minimumLength: 3\nassignments:\n  - target: { group: Nobody }\n',
      'profiles/corp-wifi.yaml': 'name: Corp Wi-Fi\nkind: wifi\nbody:\n  ssid: Corp\n  security: wpa2Personal\n  passphrase: ${env:CORP_PSK}\n  hiden: true\n',
    });
    const run = await ward(['policy', 'apply', '-f', dir], secrets);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'groups/lab-machines.yaml:4:1: owner is not a field of a group (known: name, description, memberType, membershipType, rule)',
        'profiles/corp-wifi.yaml:7:3: body.hiden: is not a known field here (known: ssid, hidden, autoJoin, security, passphrase, eap, proxy) (PROFILE_INVALID)',
        'profiles/passcode.yaml:6:29: passcode.minimumLength: must be between 4 and 64 characters. (SETTING_VALUE_INVALID)',
        'profiles/passcode.yaml:8:22: no group named Nobody in these files or the directory (ASSIGNMENT_GROUP_NOT_FOUND)',
      ]),
    );
  });

  it('maps a refusal only the core can make (a certificate reference of the wrong kind) to its line', async () => {
    const dir = policyDir('kind', {
      ...files,
      'groups/new.yaml': 'name: Brand new\nmemberType: user\nmembershipType: static\n',
      'profiles/radius.yaml': [
        'name: Radius Wi-Fi',
        'kind: wifi',
        'body:',
        '  ssid: Secure',
        '  security: wpa2Enterprise',
        '  eap:',
        '    method: tls',
        '    identity: "{{user.email}}"',
        '    serverNames: [radius.example.com]',
        '    trustedRootProfiles: [Passcode]',
        '    clientCertificateProfile: Passcode',
        '',
      ].join('\n'),
    });
    const run = await ward(['policy', 'apply', '-f', dir], secrets);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('profiles/radius.yaml:10:27: body.eap.trustedRootProfiles[0]: profile Passcode is a settings profile; this needs a trustedRoot certificate profile. (PROFILE_KIND_MISMATCH)');
    const db = new Database(join(dataDir, 'ward.db'), { readonly: true });
    const group = db.prepare("select count(*) as n from groups where name = 'Brand new'").get() as { n: number };
    db.close();
    expect(group.n).toBe(0);
  });

  it('keeps objects the files do not list unless --prune, and says so', async () => {
    const { 'profiles/corp-wifi.yaml': _wifi, ...withoutWifi } = files;
    const dir = policyDir('prune', withoutWifi);
    const kept = await ward(['policy', 'apply', '-f', dir, '--dry-run'], secrets);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('Not in these files and kept: 1 profile (pruning is off; --prune deletes them; groups are never deleted).');
    expect(kept.stdout).not.toMatch(/- delete/);

    const pruned = await ward(['policy', 'apply', '-f', dir, '--prune', '--dry-run'], secrets);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/- delete\s+profile\s+Corp Wi-Fi/);
    expect(pruned.stdout).toMatch(/- delete\s+assignment\s+Corp Wi-Fi → allDevices/);
    expect(pruned.stdout).toMatch(/Impact: 3 devices would change desired configuration/);
    expect(count('profiles')).toBe(2);

    const applied = await ward(['policy', 'apply', '-f', dir, '--prune'], secrets);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied: 0 created, 0 updated, 2 deleted');
    expect(count('profiles')).toBe(1);
  });

  it('leaves nothing applied when the database refuses a write in the middle of the transaction', async () => {
    // A trigger stands for any storage failure after earlier writes of the same bundle succeeded.
    const db = new Database(join(dataDir, 'ward.db'));
    db.exec("create trigger refuse_policy before insert on compliance_policies when new.name = 'Explodes' begin select raise(abort, 'disk full'); end");
    db.close();
    try {
      const dir = policyDir('midway', {
        ...files,
        'groups/midway.yaml': 'name: Midway group\nmemberType: user\nmembershipType: static\n',
        'profiles/midway.yaml': 'name: Midway profile\nkind: settings\nplatforms: [linux]\nbody:\n  settings:\n    firewall.enabled: true\n',
        'compliance/explodes.yaml': 'name: Explodes\nplatforms: [linux]\nrules:\n  - kind: firewallOn\n',
      });
      const profilesBefore = count('profiles');
      const groupsBefore = count('groups');
      const run = await ward(['policy', 'apply', '-f', dir], secrets);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Applying failed: disk full\n(nothing was applied from');
      expect(count('profiles')).toBe(profilesBefore);
      expect(count('groups')).toBe(groupsBefore);
    } finally {
      const cleanup = new Database(join(dataDir, 'ward.db'));
      cleanup.exec('drop trigger refuse_policy');
      cleanup.close();
    }
  });

  it('refuses a missing directory and one without policy files as usage errors', async () => {
    const missing = await ward(['policy', 'apply', '-f', join(root, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a directory');
    const empty = policyDir('empty', { 'README.md': '# policy\n' });
    const none = await ward(['policy', 'apply', '-f', empty, '--prune']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no policy files');
    const stray = policyDir('stray', { 'profile.yaml': 'name: x\n' });
    const misplaced = await ward(['policy', 'apply', '-f', stray]);
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toContain('profile.yaml:1:1: is not in a policy folder; put it under profiles/, compliance/, groups/, filters/');
  });
});
