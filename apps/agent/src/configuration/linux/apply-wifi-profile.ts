import type { WifiPayload } from '@ward/agent-protocol';
import { RefusedChange } from '../host/target-under-root.js';
import { failedOutcome, joinNotes, notApplicableOutcome, type ProfileOutcome } from '../profile-outcome.js';
import { isHostName } from './host-names.js';
import { keyfileSsid, renderKeyfile, type KeyfileGroup } from './keyfile.js';
import { wardHeader, type LinuxApplyContext } from './linux-apply-context.js';
import { certificateDir, connectionFile, connectionUuid, hasNetworkManager, reloadConnections } from './network-manager.js';
import { certificatesPem, parseCertificates, parseClientIdentity } from './pem-material.js';

/**
 * A Wi-Fi profile as a NetworkManager keyfile of Ward's own (`ward-<id>.nmconnection`, mode 0600
 * because it holds the passphrase), with EAP-TLS material in Ward's certificate folder beside it.
 * NetworkManager has no manual proxy, so a manual proxy becomes a one-line PAC script that names it.
 */
export async function applyWifiProfile(ctx: LinuxApplyContext, name: string, payload: WifiPayload): Promise<ProfileOutcome> {
  if (!(await hasNetworkManager(ctx.changes))) return notApplicableOutcome('NetworkManager is not installed; Ward configures Wi-Fi through its connection files');
  if (Buffer.byteLength(payload.ssid, 'utf8') > 32) return failedOutcome('payload/ssid: an SSID is at most 32 bytes');
  if (payload.eap !== undefined && payload.eap.clientCertificate === undefined && (payload.security === 'wpa2Enterprise' || payload.security === 'wpa3Enterprise')) {
    // The server leaves the certificate out when it comes from SCEP, which the device enrols itself.
    return notApplicableOutcome('the client certificate comes from SCEP enrollment, which the Linux agent does not do');
  }
  const notes: (string | undefined)[] = [];

  const security = await securityGroups(ctx, payload);
  const proxy = proxyGroup(payload.proxy);
  notes.push(proxy.note);
  const keyfile = renderKeyfile(
    [wardHeader(ctx.profileId)],
    [
      {
        name: 'connection',
        entries: [
          ['id', name.trim() === '' ? payload.ssid : name],
          ['uuid', connectionUuid('wifi', ctx.profileId)],
          ['type', 'wifi'],
          ['autoconnect', String(payload.autoJoin)],
        ],
      },
      { name: 'wifi', entries: [['mode', 'infrastructure'], ['ssid', keyfileSsid(payload.ssid)], ['hidden', payload.hidden ? 'true' : undefined]] },
      ...security,
      { name: 'ipv4', entries: [['method', 'auto']] },
      { name: 'ipv6', entries: [['method', 'auto']] },
      proxy.group,
    ],
  );
  await ctx.changes.writeWardFile(connectionFile(ctx.stem), keyfile, 0o600);
  notes.push(await reloadConnections(ctx.tools));
  return { status: 'succeeded', ...messageOf(joinNotes(notes)) };
}

async function securityGroups(ctx: LinuxApplyContext, payload: WifiPayload): Promise<KeyfileGroup[]> {
  switch (payload.security) {
    case 'open':
      return [];
    case 'wpa2Personal': {
      const passphrase = payload.passphrase;
      if (passphrase === undefined || !(/^[\x20-\x7e]{8,63}$/.test(passphrase) || /^[0-9A-Fa-f]{64}$/.test(passphrase))) {
        throw new RefusedChange('payload/passphrase: WPA2 needs 8 to 63 printable ASCII characters or 64 hex digits');
      }
      return [{ name: 'wifi-security', entries: [['key-mgmt', 'wpa-psk'], ['psk', passphrase]] }];
    }
    case 'wpa3Personal': {
      const passphrase = payload.passphrase;
      if (passphrase === undefined || passphrase.length < 8) throw new RefusedChange('payload/passphrase: WPA3 needs a passphrase of at least 8 characters');
      return [{ name: 'wifi-security', entries: [['key-mgmt', 'sae'], ['psk', passphrase], ['pmf', '3']] }];
    }
    case 'wpa2Enterprise':
    case 'wpa3Enterprise': {
      const eap = payload.eap;
      if (eap === undefined) throw new RefusedChange(`payload/eap: ${payload.security} needs EAP settings`);
      if (eap.trustedRootsPem.length === 0) throw new RefusedChange('payload/eap/trustedRootsPem: EAP-TLS without a trusted root would accept any server');
      if (eap.clientCertificate === undefined) throw new RefusedChange('payload/eap/clientCertificate: EAP-TLS needs the client certificate and its key');
      for (const server of eap.serverNames) if (!isHostName(server)) throw new RefusedChange(`payload/eap/serverNames: ${JSON.stringify(server)} is not a host name`);
      const roots = eap.trustedRootsPem.flatMap((pem, index) => parseCertificates(pem, `payload/eap/trustedRootsPem/${index}`));
      const client = parseClientIdentity(eap.clientCertificate, 'payload/eap/clientCertificate');
      const dir = certificateDir(ctx.stem);
      await ctx.changes.ensureDir(dir, 0o755);
      await ctx.changes.writeWardFile(`${dir}/ca.pem`, certificatesPem(roots), 0o644);
      // The supplicant presents what is in the client file, so the chain goes there after the certificate.
      await ctx.changes.writeWardFile(`${dir}/client.pem`, client.certificatePem + client.chainPem, 0o644);
      await ctx.changes.writeWardFile(`${dir}/client-key.pem`, client.privateKeyPem, 0o600);
      return [
        { name: 'wifi-security', entries: [['key-mgmt', 'wpa-eap'], ['pmf', payload.security === 'wpa3Enterprise' ? '3' : undefined]] },
        {
          name: '802-1x',
          entries: [
            ['eap', 'tls;'],
            ['identity', eap.identity],
            ['ca-cert', `${dir}/ca.pem`],
            ['client-cert', `${dir}/client.pem`],
            ['private-key', `${dir}/client-key.pem`],
            // The key file is not encrypted: without this NetworkManager would ask for a password.
            ['private-key-password-flags', '4'],
            ['domain-suffix-match', eap.serverNames.length === 0 ? undefined : eap.serverNames.join(';')],
          ],
        },
      ];
    }
  }
}

// proxy.method is an integer property (NMSettingProxyMethod): the key file holds the number.
const PROXY_NONE = '0';
const PROXY_AUTO = '1';

function proxyGroup(proxy: WifiPayload['proxy']): { group: KeyfileGroup; note?: string } {
  switch (proxy.type) {
    case 'none':
      return { group: { name: 'proxy', entries: [['method', PROXY_NONE]] } };
    case 'auto': {
      let url: URL;
      try {
        url = new URL(proxy.pacUrl);
      } catch {
        throw new RefusedChange('payload/proxy/pacUrl is not a URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedChange('payload/proxy/pacUrl must be an http or https URL');
      return { group: { name: 'proxy', entries: [['method', PROXY_AUTO], ['pac-url', url.href]] } };
    }
    case 'manual': {
      if (!isHostName(proxy.host)) throw new RefusedChange(`payload/proxy/host: ${JSON.stringify(proxy.host)} is not a host name`);
      const script = `function FindProxyForURL(url, host) { return "PROXY ${proxy.host}:${proxy.port}"; }`;
      return {
        group: { name: 'proxy', entries: [['method', PROXY_AUTO], ['pac-script', script]] },
        note: 'NetworkManager has no manual proxy: the proxy is set as a PAC script that sends everything to it',
      };
    }
  }
}

function messageOf(message: string | undefined): { message?: string } {
  return message === undefined ? {} : { message };
}
