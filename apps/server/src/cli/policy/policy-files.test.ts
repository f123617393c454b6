import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportedPolicyBundle } from '@ward/core';
import { bundleToPolicyFiles, slugOf } from './bundle-to-policy-files.js';
import { checkPolicyBundle } from './check-policy-bundle.js';
import { locateBundleFailure } from './locate-bundle-failure.js';
import { lineColumnOf, locateField } from './locate-field.js';
import { policyFilesToBundle } from './policy-files-to-bundle.js';
import { formatPolicyProblem, type PolicyProblem } from './policy-problem.js';
import { parsePolicyText, policyFileLimits, readPolicyFiles, type PolicyFile, type PolicyObjectType } from './read-policy-files.js';

function file(path: string, type: PolicyObjectType, text: string): PolicyFile {
  const parsed = parsePolicyText(path, type, text);
  if (parsed.file === undefined) throw new Error(`${path} does not parse: ${parsed.problems.map(formatPolicyProblem).join('; ')}`);
  return parsed.file;
}

/** The line and column of `path` in a file's text. */
function at(f: PolicyFile, path: string): string {
  const { line, column } = lineColumnOf(f.lines, locateField(f.document.contents, path));
  return `${line}:${column}`;
}

const lines = (problems: readonly PolicyProblem[]): string[] => problems.map(formatPolicyProblem);

const noTenant = { profiles: new Set<string>(), groups: new Set<string>(), filters: new Set<string>() };

const settingsProfile = `name: Passcode
kind: settings
platforms: [linux]
body:
  settings:
    passcode.minimumLength: 8
    screenLock.timeoutSeconds: 300
assignments:
  - target: allDevices
  - target:
      group: Engineering
    filter: { name: Linux laptops }
  - target: { group: Kiosks }
    mode: exclude
`;

describe('reading policy YAML', () => {
  it('reports a syntax error at its line and column, and nothing else of that file', () => {
    const parsed = parsePolicyText('profiles/bad.yaml', 'profile', 'name: Bad\nkind: settings\nbody:\n  settings: {passcode.minimumLength: 8\n');
    expect(parsed.file).toBeUndefined();
    expect(lines(parsed.problems)[0]).toMatch(/^profiles\/bad\.yaml:[45]:\d+: /);
  });

  it('refuses duplicate keys, several documents and empty files, each at its place', () => {
    expect(lines(parsePolicyText('groups/a.yaml', 'group', 'name: A\nmemberType: user\nname: B\n').problems)).toEqual([expect.stringMatching(/^groups\/a\.yaml:3:1: Map keys must be unique/)]);
    expect(lines(parsePolicyText('groups/b.yaml', 'group', 'name: A\n---\nname: B\n').problems)).toEqual(['groups/b.yaml:2:1: holds more than one YAML document; write one object per file']);
    expect(lines(parsePolicyText('groups/c.yaml', 'group', '# nothing\n').problems)).toEqual(['groups/c.yaml:1:1: is empty; a policy file holds one object']);
  });

  it('locates fields through dotted setting ids, list items and block values', () => {
    const f = file('profiles/passcode.yaml', 'profile', settingsProfile);
    expect(at(f, 'body.settings.passcode.minimumLength')).toBe('6:29');
    expect(at(f, 'body.settings.screenLock.timeoutSeconds')).toBe('7:32');
    // A block value is shown at its key; a missing field at the deepest part that exists.
    expect(at(f, 'body')).toBe('4:1');
    expect(at(f, 'body.settings.passcode.required')).toBe('5:3');
    expect(at(f, 'assignments[1].target.group')).toBe('11:14');
    expect(at(f, 'assignments[1].filter.name')).toBe('12:21');
    expect(at(f, 'assignments[2].mode')).toBe('14:11');
  });

  it('locates a secret named by a list item key (peers[<publicKey>])', () => {
    const f = file('profiles/wg.yaml', 'profile', 'name: WG\nkind: vpn\nbody:\n  peers:\n    - publicKey: AAA=\n      endpoint: a:1\n    - publicKey: BBB=\n      presharedKey: x\n');
    expect(at(f, 'body.peers[BBB=].presharedKey')).toBe('8:21');
  });
});

describe('hostile or mistaken directories', () => {
  it('refuses oversized files, links to directories and stray files; skips dot-folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-policy-read-'));
    try {
      mkdirSync(join(dir, 'profiles'));
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, '.git', 'config.yaml'), 'not: [valid');
      writeFileSync(join(dir, 'profiles', 'big.yaml'), `name: Big\nkind: custom\nbody: "${'A'.repeat(policyFileLimits.fileBytes)}"\n`);
      writeFileSync(join(dir, 'profiles', 'ok.yml'), 'name: Ok\n');
      writeFileSync(join(dir, 'notes.yaml'), 'x: 1\n');
      symlinkSync(dir, join(dir, 'groups'));
      const read = await readPolicyFiles(dir);
      expect(read.files.map((f) => f.path)).toEqual(['profiles/ok.yml']);
      expect(lines(read.problems)).toEqual([
        'groups:1:1: is a symbolic link to a directory; policy directories are read without following those',
        'notes.yaml:1:1: is not in a policy folder; put it under profiles/, compliance/, groups/, filters/',
        expect.stringMatching(/^profiles\/big\.yaml:1:1: is \d+ bytes; a policy file may have at most 1048576$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = ['name: Bomb', 'kind: settings', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), ''].join('\n');
    const { result, problems } = policyFilesToBundle([file('profiles/bomb.yaml', 'profile', bomb)], {});
    expect(result.bundle.profiles).toEqual([]);
    expect(lines(problems)).toEqual([expect.stringMatching(/^profiles\/bomb\.yaml:1:1: cannot be read: .*alias/i)]);
  });
});

describe('policy files to a bundle', () => {
  it('moves assignments into the bundle with their lines, and renames certificate references', () => {
    const wifi = file('profiles/wifi.yaml', 'profile', 'name: Corp Wi-Fi\nkind: wifi\nbody:\n  ssid: Corp\n  security: wpa2Enterprise\n  eap:\n    method: tls\n    identity: "{{user.email}}"\n    serverNames: [radius.example.com]\n    trustedRootProfiles: [Root CA]\n    clientCertificateProfile: Device cert\n');
    const { result, problems } = policyFilesToBundle([file('profiles/passcode.yaml', 'profile', settingsProfile), wifi], {});
    expect(problems).toEqual([]);
    expect(result.bundle.assignments).toEqual([
      { item: { kind: 'profile', name: 'Passcode' }, target: { type: 'allDevices' }, source: { file: 'profiles/passcode.yaml', line: 9 } },
      { item: { kind: 'profile', name: 'Passcode' }, target: { type: 'group', group: 'Engineering' }, filter: { name: 'Linux laptops', mode: 'include' }, source: { file: 'profiles/passcode.yaml', line: 10 } },
      { item: { kind: 'profile', name: 'Passcode' }, target: { type: 'group', group: 'Kiosks' }, mode: 'exclude', source: { file: 'profiles/passcode.yaml', line: 13 } },
    ]);
    const eap = (result.bundle.profiles[1]?.body as { eap: Record<string, unknown> }).eap;
    expect(eap.trustedRootProfileIds).toEqual(['Root CA']);
    expect(eap.clientCertificateProfileId).toBe('Device cert');
  });

  it('reports every unknown field, bad target and unset variable of every file at once', () => {
    const a = file('profiles/a.yaml', 'profile', 'name: A\nkind: settings\nbdoy: {}\nassignments:\n  - target: everyone\n  - target: { group: G }\n    mdoe: exclude\n');
    const b = file('compliance/b.yaml', 'compliancePolicy', 'name: B\nplatforms: [linux]\nactions:\n  - kind: notifyWebhook\n    url: https://hooks.example.com/x\n    secret: ${env:B_HOOK_SECRET}\n');
    const g = file('groups/g.yaml', 'group', 'name: G\nmemberType: user\nmembershipType: static\nmembers: [a@example.com]\n');
    const { result, problems } = policyFilesToBundle([a, b, g], {});
    // Objects with problems stay out of the bundle; their names still count as defined.
    expect(result.bundle.profiles).toEqual([]);
    expect(result.names.groups).toEqual(new Set(['g']));
    expect(lines(problems)).toEqual([
      'profiles/a.yaml:3:1: bdoy is not a field of a profile (known: name, description, kind, platforms, body, assignments)',
      'profiles/a.yaml:5:13: must be allDevices, allUsers, or group: NAME',
      'profiles/a.yaml:7:5: mdoe is not a field of an assignment (known: target, mode, filter, intent)',
      'compliance/b.yaml:6:13: reads the environment variable B_HOOK_SECRET, which is not set',
      'groups/g.yaml:4:1: members is not a field of a group (known: name, description, memberType, membershipType, rule)',
    ]);
  });

  it('resolves ${env:NAME} from the environment and refuses the API field names of references', () => {
    const b = file('compliance/b.yaml', 'compliancePolicy', 'name: B\nplatforms: [linux]\nactions:\n  - kind: notifyWebhook\n    url: https://hooks.example.com/x\n    secret: ${env:B_HOOK_SECRET}\n');
    const ok = policyFilesToBundle([b], { B_HOOK_SECRET: 'sixteen-chars-or-more' });
    expect((ok.result.bundle.compliancePolicies[0]?.actions as { secret: string }[])[0]?.secret).toBe('sixteen-chars-or-more');
    expect([...ok.result.envNames]).toEqual(['B_HOOK_SECRET']);
    const v = file('profiles/v.yaml', 'profile', 'name: V\nkind: vpn\nbody:\n  authentication:\n    method: certificate\n    certificateProfileId: abc\n');
    expect(lines(policyFilesToBundle([v], {}).problems)).toEqual(['profiles/v.yaml:6:5: policy files name the profile: write certificateProfile: <profile name> instead of certificateProfileId']);
  });

  it('refuses the same name twice in one folder, naming the first file', () => {
    const one = file('filters/one.yaml', 'filter', 'name: Linux\nrule: device.platform == "linux"\n');
    const two = file('filters/two.yaml', 'filter', 'name: linux \nrule: device.platform == "linux"\n');
    expect(lines(policyFilesToBundle([one, two], {}).problems)).toEqual(['filters/two.yaml:1:7: assignment filter linux is defined in filters/one.yaml already; names are unique, compared without case']);
  });
});

describe('checking a bundle with the core validators', () => {
  it('puts an out-of-range setting, a bad rule and a missing group at their lines, all at once', () => {
    const p = file('profiles/p.yaml', 'profile', 'name: P\nkind: settings\nplatforms: [linux]\nbody:\n  settings:\n    passcode.minimumLength: 2\nassignments:\n  - target: { group: Nobody }\n');
    const c = file('compliance/c.yaml', 'compliancePolicy', 'name: C\nplatforms: [linux]\nrules:\n  - id: custom-1\n    kind: custom\n    name: Odd\n    expression: "device.diskEncrypted ==="\n');
    const g = file('groups/g.yaml', 'group', 'name: G\nmemberType: device\nmembershipType: dynamic\nrule: device.platform ==\n');
    const { result } = policyFilesToBundle([p, c, g], {});
    const found = lines(checkPolicyBundle(result, noTenant, false));
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^groups\/g\.yaml:4:7: .*\(GROUP_RULE_INVALID\)$/);
    expect(found[1]).toBe('profiles/p.yaml:6:29: passcode.minimumLength: must be between 4 and 64 characters. (SETTING_VALUE_INVALID)');
    expect(found[2]).toMatch(/^compliance\/c\.yaml:7:17: rules\[0\]\.expression: .*\(COMPLIANCE_RULE_INVALID\)$/);
    expect(found[3]).toBe('profiles/p.yaml:8:22: no group named Nobody in these files or the directory (ASSIGNMENT_GROUP_NOT_FOUND)');
  });

  it('accepts references to objects of the tenant, and refuses profiles that --prune removes', () => {
    const wifi = file('profiles/wifi.yaml', 'profile', 'name: W\nkind: wifi\nbody:\n  ssid: Corp\n  security: wpa2Enterprise\n  eap:\n    method: tls\n    identity: x\n    serverNames: [radius.example.com]\n    trustedRootProfiles: [Root CA]\n    clientCertificateProfile: Device cert\n');
    const { result } = policyFilesToBundle([wifi], {});
    const tenant = { ...noTenant, profiles: new Set(['root ca', 'device cert']) };
    expect(checkPolicyBundle(result, tenant, false)).toEqual([]);
    expect(lines(checkPolicyBundle(result, tenant, true)).sort()).toEqual([
      'profiles/wifi.yaml:10:27: no profile named Root CA in these files (PROFILE_NOT_FOUND)',
      'profiles/wifi.yaml:11:31: no profile named Device cert in these files (PROFILE_NOT_FOUND)',
    ]);
  });
});

describe('core refusals back to the file', () => {
  it('places a located core failure at the field it names, without the core\'s object prefix', () => {
    const p = file('profiles/p.yaml', 'profile', 'name: P\nkind: settings\nbody:\n  settings:\n    passcode.minimumLength: 2\n');
    const { result } = policyFilesToBundle([p], {});
    const failure = { ok: false as const, code: 'SETTING_VALUE_INVALID' as const, message: 'profiles[0] "P" (profiles/p.yaml:1): passcode.minimumLength: must be between 4 and 64 characters.', details: { setting: 'passcode.minimumLength', section: 'profiles', index: 0, name: 'P' } };
    const located = locateBundleFailure(failure, result.origins);
    expect(located === undefined ? undefined : formatPolicyProblem(located)).toBe('profiles/p.yaml:5:29: passcode.minimumLength: must be between 4 and 64 characters. (SETTING_VALUE_INVALID)');
    expect(locateBundleFailure({ ok: false, code: 'PROFILE_VERSION_CONFLICT', message: 'changed meanwhile' }, result.origins)).toBeUndefined();
  });
});

describe('exporting a bundle as files', () => {
  const bundle: ExportedPolicyBundle = {
    groups: [{ name: 'Engineering', description: '', membershipType: 'dynamic', memberType: 'user', rule: 'user.department == "Engineering"' }],
    filters: [{ name: 'Linux laptops', description: 'Only Linux', platform: 'linux', rule: 'device.platform == "linux"' }],
    profiles: [
      { name: 'Corp Wi-Fi', description: '', platforms: ['linux'], kind: 'wifi', body: { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: null, proxy: { type: 'none' } } },
      { name: 'corp wi-fi!', description: '', platforms: ['linux'], kind: 'settings', body: { settings: { 'passcode.minimumLength': 8 } } },
    ],
    compliancePolicies: [
      { name: 'Baseline', description: 'Everyone', platforms: ['linux'], rules: [{ id: 'diskEncrypted', kind: 'diskEncrypted', remediation: null }], actions: [{ id: 'hook', kind: 'notifyWebhook', afterHours: 0, url: 'https://hooks.example.com/x', secret: null }], validityDays: 30 },
    ],
    assignments: [
      { item: { kind: 'profile', name: 'Corp Wi-Fi' }, target: { type: 'group', group: 'Engineering' }, mode: 'include', filter: { name: 'Linux laptops', mode: 'include' }, intent: 'required' },
      { item: { kind: 'profile', name: 'Corp Wi-Fi' }, target: { type: 'allDevices' }, mode: 'exclude', intent: 'required' },
      { item: { kind: 'compliancePolicy', name: 'Baseline' }, target: { type: 'allDevices' }, mode: 'include', intent: 'required' },
    ],
  };

  it('writes one file per object with placeholders for secrets, the same bytes every time', () => {
    const { files, secrets } = bundleToPolicyFiles(bundle);
    expect(files.map((f) => f.path)).toEqual(['groups/engineering.yaml', 'filters/linux-laptops.yaml', 'profiles/corp-wi-fi.yaml', 'profiles/corp-wi-fi-2.yaml', 'compliance/baseline.yaml']);
    expect(files[2]?.text).toBe(
      'name: Corp Wi-Fi\nkind: wifi\nplatforms:\n  - linux\nbody:\n  autoJoin: true\n  hidden: false\n  passphrase: ${env:WARD_SECRET_CORP_WI_FI_PASSPHRASE}\n  proxy:\n    type: none\n  security: wpa2Personal\n  ssid: Corp\n' +
        'assignments:\n  - target:\n      group: Engineering\n    filter:\n      mode: include\n      name: Linux laptops\n  - target: allDevices\n    mode: exclude\n',
    );
    expect(secrets).toEqual([
      { env: 'WARD_SECRET_CORP_WI_FI_PASSPHRASE', file: 'profiles/corp-wi-fi.yaml', field: 'body.passphrase' },
      { env: 'WARD_SECRET_BASELINE_HOOK_SECRET', file: 'compliance/baseline.yaml', field: 'actions[0].secret' },
    ]);
    expect(bundleToPolicyFiles(bundle).files).toEqual(files);
    expect(slugOf('Ünïcode — Laptops / 2')).toBe('unicode-laptops-2');
  });

  it('reads back into the bundle it came from, secrets from the environment', () => {
    const { files } = bundleToPolicyFiles(bundle);
    const parsed = policyFilesToBundle(
      files.map((f) => file(f.path, f.path.startsWith('profiles/') ? 'profile' : f.path.startsWith('compliance/') ? 'compliancePolicy' : f.path.startsWith('groups/') ? 'group' : 'filter', f.text)),
      { WARD_SECRET_CORP_WI_FI_PASSPHRASE: 'correct horse', WARD_SECRET_BASELINE_HOOK_SECRET: 'a-webhook-secret-16' },
    );
    expect(parsed.problems).toEqual([]);
    const strip = (list: readonly Record<string, unknown>[] | undefined): unknown[] => (list ?? []).map(({ source: _source, ...rest }) => rest);
    expect(strip(parsed.result.bundle.profiles)[0]).toEqual({ ...bundle.profiles[0], description: undefined, body: { ...(bundle.profiles[0]?.body as object), passphrase: 'correct horse' } });
    expect(strip(parsed.result.bundle.assignments)).toEqual([
      { item: { kind: 'profile', name: 'Corp Wi-Fi' }, target: { type: 'group', group: 'Engineering' }, filter: { name: 'Linux laptops', mode: 'include' } },
      { item: { kind: 'profile', name: 'Corp Wi-Fi' }, target: { type: 'allDevices' }, mode: 'exclude' },
      { item: { kind: 'compliancePolicy', name: 'Baseline' }, target: { type: 'allDevices' } },
    ]);
  });
});
