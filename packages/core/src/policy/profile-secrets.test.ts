import { describe, expect, it } from 'vitest';
import { profile, wgKeyA, wgKeyB } from '../../test/support/policy-fixtures.js';
import type { ProfileContent } from './model.js';
import { redactProfile, resolveSecrets } from './profile-secrets.js';

const wifi = profile('w', { kind: 'wifi', body: { ssid: 'Office', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'hunter2hunter2', proxy: { type: 'none' } } });
// The Wi-Fi body by itself, narrowed, for building inputs from it.
const wifiBody = (() => {
  if (wifi.kind !== 'wifi') throw new Error('fixture');
  return wifi.body;
})();
const wg = profile('v', {
  kind: 'vpn',
  body: { connectionName: 'wg', onDemand: { enabled: false, rules: [] }, type: 'wireguard', interface: { addresses: ['10.0.0.2/32'], dns: [], privateKey: wgKeyA }, peers: [{ publicKey: wgKeyB, presharedKey: wgKeyA, endpoint: 'a.example.com:51820', allowedIps: ['0.0.0.0/0'] }] },
});
const scep = profile('c', { kind: 'certificate', body: { type: 'scep', url: 'https://s.example.com', challenge: 'Zx9-scep-secret', subject: 'CN=x', keySize: 2048, keyUsage: ['digitalSignature'] } });
const ike = profile('i', { kind: 'vpn', body: { connectionName: 'ike', onDemand: { enabled: false, rules: [] }, type: 'ikev2', server: 'v.example.com', remoteId: 'v', localId: '', authentication: { method: 'sharedSecret', sharedSecret: 'psk-psk-psk' } } });

describe('profile secrets', () => {
  it.each([
    [wifi, ['passphrase'], ['hunter2hunter2']],
    [wg, ['interface.privateKey', `peers[${wgKeyB}].presharedKey`], [wgKeyA]],
    [scep, ['challenge'], ['Zx9-scep-secret']],
    [ike, ['authentication.sharedSecret'], ['psk-psk-psk']],
  ])('redacts every secret of %#, naming them', (p, paths, secrets) => {
    const view = redactProfile(p);
    expect(view.secretsSet).toEqual(paths);
    const text = JSON.stringify(view);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(view.name).toBe(p.name);
  });

  it('keeps stored secrets where the input has null and takes new ones as given', () => {
    const input: ProfileContent<string | null> = { kind: 'wifi', body: { ...wifiBody, passphrase: null } };
    expect(resolveSecrets(input, wifi)).toEqual({ ok: true, value: { kind: 'wifi', body: wifiBody } });
    const changed: ProfileContent<string | null> = { kind: 'wifi', body: { ...wifiBody, passphrase: 'new-passphrase' } };
    expect(resolveSecrets(changed, wifi)).toMatchObject({ ok: true, value: { body: { passphrase: 'new-passphrase' } } });
  });

  it('matches WireGuard peer secrets by public key, not position', () => {
    if (wg.kind !== 'vpn' || wg.body.type !== 'wireguard') throw new Error('fixture');
    const peer = wg.body.peers[0]!;
    const other = { publicKey: wgKeyA, endpoint: 'b.example.com:51820', allowedIps: ['10.0.0.0/8'], presharedKey: null };
    const input: ProfileContent<string | null> = { kind: 'vpn', body: { ...wg.body, interface: { ...wg.body.interface, privateKey: null }, peers: [other, { ...peer, presharedKey: null }] } };
    const r = resolveSecrets(input, wg);
    expect(r).toMatchObject({ ok: false, code: 'PROFILE_SECRET_REQUIRED', details: { field: `body.peers[${wgKeyA}].presharedKey` } });
    const fixed: ProfileContent<string | null> = { kind: 'vpn', body: { ...wg.body, interface: { ...wg.body.interface, privateKey: null }, peers: [{ ...other, presharedKey: wgKeyB }, { ...peer, presharedKey: null }] } };
    const ok = resolveSecrets(fixed, wg);
    expect(ok.ok && ok.value.kind === 'vpn' && ok.value.body.type === 'wireguard' && ok.value.body.peers.map((p) => p.presharedKey)).toEqual([wgKeyB, wgKeyA]);
  });

  it('refuses a null secret with nothing to keep', () => {
    expect(resolveSecrets({ kind: 'wifi', body: { ...wifiBody, passphrase: null } }, undefined)).toMatchObject({ ok: false, code: 'PROFILE_SECRET_REQUIRED', details: { field: 'body.passphrase' } });
    expect(resolveSecrets({ kind: 'wifi', body: { ...wifiBody, passphrase: null } }, scep)).toMatchObject({ ok: false, code: 'PROFILE_SECRET_REQUIRED' });
  });
});
