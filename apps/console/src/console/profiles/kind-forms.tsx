import { ActionIcon, Badge, Button, Card, Checkbox, FileButton, Group, MultiSelect, NumberInput, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, ok } from '../../api/client';
import {
  decodeText,
  interfaceTypes,
  keyUsages,
  onDemandActions,
  wifiSecurities,
  type CertificateDraft,
  type CustomDraft,
  type EmailDraft,
  type MailServerDraft,
  type PeerDraft,
  type SecretDraft,
  type VpnDraft,
  type WifiDraft,
} from './profile-draft';

const variablesHint = 'Variables: {{user.email}}, {{user.upn}}, {{user.displayName}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}.';
const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** A segmented choice with a visible label that names it for assistive technology too. */
function Choice<T extends string>({ id, label, value, data, onChange }: { readonly id: string; readonly label: string; readonly value: T; readonly data: readonly { readonly value: T; readonly label: string }[]; readonly onChange: (v: T) => void }) {
  return (
    <div>
      <Text size="sm" fw={500} id={id}>{label}</Text>
      <SegmentedControl aria-labelledby={id} data={data.map((d) => ({ value: d.value, label: d.label }))} value={value} onChange={(v) => { onChange(v); }} />
    </div>
  );
}

/**
 * A secret field. The API never reads a secret back: a stored one shows as "set", and leaving the
 * field empty keeps it; typing replaces it.
 */
export function SecretInput({ label, secret, onChange, required, description }: { readonly label: string; readonly secret: SecretDraft; readonly onChange: (s: SecretDraft) => void; readonly required?: boolean; readonly description?: ReactNode }) {
  return (
    <PasswordInput
      label={<Group gap={6} component="span">{label}{secret.stored ? <Badge size="xs" color="green" variant="light" component="span">set</Badge> : null}</Group>}
      description={secret.stored ? 'A value is stored and is never shown. Leave empty to keep it; type to replace it.' : description}
      placeholder={secret.stored ? 'Stored — unchanged' : undefined}
      required={required === true && !secret.stored}
      value={secret.value}
      onChange={(e) => { onChange({ ...secret, value: e.currentTarget.value }); }}
      autoComplete="new-password"
    />
  );
}

/** Certificate profiles to reference (trusted roots, or client certificates), by name. */
function useCertificateProfiles() {
  const query = useQuery({ queryKey: ['profiles', 'certificates'], queryFn: () => ok(api.GET('/api/v1/profiles', { params: { query: { kind: 'certificate', limit: 500 } } })), staleTime: 60_000 });
  const items = query.data?.items ?? [];
  const typeOf = (body: unknown): string => (typeof body === 'object' && body !== null && 'type' in body && typeof body.type === 'string' ? body.type : '');
  return {
    roots: items.filter((p) => typeOf(p.body) === 'trustedRoot').map((p) => ({ value: p.id, label: p.name })),
    clients: items.filter((p) => typeOf(p.body) !== 'trustedRoot').map((p) => ({ value: p.id, label: `${p.name} (${typeOf(p.body) === 'scep' ? 'SCEP' : 'Ward CA'})` })),
  };
}

// ---------------------------------------------------------------------------------------------

/** Wi-Fi: SSID, security with passphrase or EAP-TLS through certificate profiles, and proxy. */
export function WifiForm({ draft, onChange }: { readonly draft: WifiDraft; readonly onChange: (d: WifiDraft) => void }) {
  const certificates = useCertificateProfiles();
  const set = (change: Partial<WifiDraft>) => { onChange({ ...draft, ...change }); };
  const personal = draft.security === 'wpa2Personal' || draft.security === 'wpa3Personal';
  const enterprise = draft.security === 'wpa2Enterprise' || draft.security === 'wpa3Enterprise';
  const securityLabels: Record<(typeof wifiSecurities)[number], string> = { open: 'Open', wpa2Personal: 'WPA2 Personal', wpa3Personal: 'WPA3 Personal', wpa2Enterprise: 'WPA2 Enterprise (EAP-TLS)', wpa3Enterprise: 'WPA3 Enterprise (EAP-TLS)' };
  return (
    <Stack gap="sm">
      <TextInput label="Network name (SSID)" required value={draft.ssid} onChange={(e) => { set({ ssid: e.currentTarget.value }); }} description="1 to 32 bytes." />
      <Group gap="lg">
        <Switch label="Hidden network" checked={draft.hidden} onChange={(e) => { set({ hidden: e.currentTarget.checked }); }} />
        <Switch label="Join automatically" checked={draft.autoJoin} onChange={(e) => { set({ autoJoin: e.currentTarget.checked }); }} />
      </Group>
      <Select label="Security" data={wifiSecurities.map((s) => ({ value: s, label: securityLabels[s] }))} value={draft.security} onChange={(v) => { if (v !== null) set({ security: v }); }} allowDeselect={false} w={320} />
      {personal ? <SecretInput label="Passphrase" required secret={draft.passphrase} onChange={(passphrase) => { set({ passphrase }); }} description="8 to 63 printable characters, or 64 hex digits." /> : null}
      {enterprise ? (
        <Card withBorder>
          <Title order={4} size="h6" mb="xs">EAP-TLS</Title>
          <Stack gap="sm">
            <TextInput label="Identity" required value={draft.eapIdentity} onChange={(e) => { set({ eapIdentity: e.currentTarget.value }); }} description={variablesHint} />
            <Textarea label="RADIUS server names" value={draft.eapServerNames} onChange={(e) => { set({ eapServerNames: e.currentTarget.value }); }} description="One per line: the names the server's certificate may carry." autosize minRows={1} />
            <MultiSelect label="Trusted roots" data={certificates.roots} value={[...draft.eapTrustedRootProfileIds]} onChange={(ids) => { set({ eapTrustedRootProfileIds: ids }); }} description="Certificate profiles (trusted root) that validate the RADIUS server." placeholder={certificates.roots.length === 0 ? 'No trusted-root profiles yet' : 'Choose'} />
            <Select label="Client certificate" required data={certificates.clients} value={draft.eapClientCertificateProfileId} onChange={(v) => { set({ eapClientCertificateProfileId: v }); }} description="A certificate profile (Ward CA or SCEP) that gives each device its certificate." placeholder={certificates.clients.length === 0 ? 'No certificate profiles yet' : 'Choose'} />
          </Stack>
        </Card>
      ) : null}
      <Choice id="wifi-proxy" label="Proxy" value={draft.proxy} data={[{ value: 'none', label: 'None' }, { value: 'manual', label: 'Manual' }, { value: 'auto', label: 'Automatic (PAC)' }]} onChange={(proxy) => { set({ proxy }); }} />
      {draft.proxy === 'manual' ? (
        <Group align="flex-end">
          <TextInput label="Proxy host" required value={draft.proxyHost} onChange={(e) => { set({ proxyHost: e.currentTarget.value }); }} />
          <NumberInput label="Proxy port" required value={draft.proxyPort} onChange={(proxyPort) => { set({ proxyPort }); }} allowDecimal={false} clampBehavior="none" w={140} />
        </Group>
      ) : null}
      {draft.proxy === 'auto' ? <TextInput label="PAC URL" required value={draft.proxyPacUrl} onChange={(e) => { set({ proxyPacUrl: e.currentTarget.value }); }} description="An https URL." /> : null}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------

function PeerFields({ peer, index, onChange, onRemove }: { readonly peer: PeerDraft; readonly index: number; readonly onChange: (p: PeerDraft) => void; readonly onRemove: (() => void) | undefined }) {
  const set = (change: Partial<PeerDraft>) => { onChange({ ...peer, ...change }); };
  return (
    <Card withBorder component="fieldset" aria-label={`Peer ${index + 1}`}>
      <Group justify="space-between" mb="xs"><Text size="sm" fw={600}>Peer {index + 1}</Text>{onRemove === undefined ? null : <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>Remove peer</Button>}</Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Public key" required value={peer.publicKey} onChange={(e) => { set({ publicKey: e.currentTarget.value }); }} styles={mono} />
        <TextInput label="Endpoint" required value={peer.endpoint} onChange={(e) => { set({ endpoint: e.currentTarget.value }); }} description="host:port" />
        <Textarea label="Allowed IPs" required value={peer.allowedIps} onChange={(e) => { set({ allowedIps: e.currentTarget.value }); }} autosize minRows={1} description="CIDR ranges, one per line." />
        <NumberInput label="Keepalive (seconds)" value={peer.keepalive} onChange={(keepalive) => { set({ keepalive }); }} allowDecimal={false} clampBehavior="none" description="Empty for none." />
        <SecretInput label="Preshared key" secret={peer.presharedKey} onChange={(presharedKey) => { set({ presharedKey }); }} description="Optional." />
      </SimpleGrid>
    </Card>
  );
}

/** VPN: IKEv2 with a certificate or a shared secret, or WireGuard, and on-demand rules. */
export function VpnForm({ draft, onChange }: { readonly draft: VpnDraft; readonly onChange: (d: VpnDraft) => void }) {
  const certificates = useCertificateProfiles();
  const set = (change: Partial<VpnDraft>) => { onChange({ ...draft, ...change }); };
  const setRule = (i: number, change: Partial<VpnDraft['onDemandRules'][number]>) => { set({ onDemandRules: draft.onDemandRules.map((r, j) => (j === i ? { ...r, ...change } : r)) }); };
  return (
    <Stack gap="sm">
      <TextInput label="Connection name" required value={draft.connectionName} onChange={(e) => { set({ connectionName: e.currentTarget.value }); }} />
      <Choice id="vpn-type" label="Protocol" value={draft.type} data={[{ value: 'wireguard', label: 'WireGuard' }, { value: 'ikev2', label: 'IKEv2' }]} onChange={(type) => { set({ type }); }} />
      {draft.type === 'ikev2' ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Server" required value={draft.server} onChange={(e) => { set({ server: e.currentTarget.value }); }} />
            <TextInput label="Remote id" required value={draft.remoteId} onChange={(e) => { set({ remoteId: e.currentTarget.value }); }} />
            <TextInput label="Local id" required value={draft.localId} onChange={(e) => { set({ localId: e.currentTarget.value }); }} description={variablesHint} />
          </SimpleGrid>
          <Choice id="vpn-auth" label="Authentication" value={draft.authMethod} data={[{ value: 'certificate', label: 'Certificate' }, { value: 'sharedSecret', label: 'Shared secret' }]} onChange={(authMethod) => { set({ authMethod }); }} />
          {draft.authMethod === 'certificate' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label="Device certificate" required data={certificates.clients} value={draft.certificateProfileId} onChange={(v) => { set({ certificateProfileId: v }); }} placeholder={certificates.clients.length === 0 ? 'No certificate profiles yet' : 'Choose'} />
              <MultiSelect label="Trusted roots" data={certificates.roots} value={[...draft.trustedRootProfileIds]} onChange={(ids) => { set({ trustedRootProfileIds: ids }); }} placeholder={certificates.roots.length === 0 ? 'No trusted-root profiles yet' : 'Choose'} />
            </SimpleGrid>
          ) : (
            <SecretInput label="Shared secret" required secret={draft.sharedSecret} onChange={(sharedSecret) => { set({ sharedSecret }); }} />
          )}
        </>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Textarea label="Addresses" required value={draft.addresses} onChange={(e) => { set({ addresses: e.currentTarget.value }); }} autosize minRows={1} description="The interface's CIDR addresses, one per line." />
            <Textarea label="DNS servers" value={draft.dns} onChange={(e) => { set({ dns: e.currentTarget.value }); }} autosize minRows={1} description="One per line." />
            <NumberInput label="MTU" value={draft.mtu} onChange={(mtu) => { set({ mtu }); }} allowDecimal={false} clampBehavior="none" description="Empty for the default." />
          </SimpleGrid>
          <SecretInput label="Private key" secret={draft.privateKey} onChange={(privateKey) => { set({ privateKey }); }} description="Optional: without one each device generates and keeps its own." />
          {draft.peers.map((peer, i) => (
            <PeerFields key={i} peer={peer} index={i} onChange={(p) => { set({ peers: draft.peers.map((q, j) => (j === i ? p : q)) }); }} onRemove={draft.peers.length > 1 ? () => { set({ peers: draft.peers.filter((_, j) => j !== i) }); } : undefined} />
          ))}
          <Group><Button size="xs" variant="default" onClick={() => { set({ peers: [...draft.peers, { publicKey: '', presharedKey: { stored: false, value: '' }, endpoint: '', allowedIps: '', keepalive: '' }] }); }}>Add peer</Button></Group>
        </>
      )}
      <Card withBorder>
        <Switch label="Connect on demand" checked={draft.onDemandEnabled} onChange={(e) => { set({ onDemandEnabled: e.currentTarget.checked }); }} description="The first rule whose conditions all hold decides." />
        {draft.onDemandEnabled ? (
          <Stack gap="xs" mt="sm">
            {draft.onDemandRules.map((rule, i) => (
              <Group key={i} align="flex-end" gap="xs" wrap="wrap" component="fieldset" aria-label={`On-demand rule ${i + 1}`} style={{ border: 0, padding: 0, margin: 0 }}>
                <Select label={`Rule ${i + 1}: action`} data={onDemandActions.map((a) => ({ value: a, label: a }))} value={rule.action} onChange={(v) => { if (v !== null) setRule(i, { action: v }); }} allowDeselect={false} w={150} />
                <Select label="On interface" data={interfaceTypes.map((t) => ({ value: t, label: t }))} value={rule.interfaceType} onChange={(v) => { if (v !== null) setRule(i, { interfaceType: v }); }} allowDeselect={false} w={130} />
                <TextInput label="SSIDs" value={rule.ssids} onChange={(e) => { setRule(i, { ssids: e.currentTarget.value }); }} placeholder="any" description="Comma-separated" />
                <TextInput label="DNS domains" value={rule.dnsDomains} onChange={(e) => { setRule(i, { dnsDomains: e.currentTarget.value }); }} placeholder="any" description="Comma-separated" />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove rule ${i + 1}`} onClick={() => { set({ onDemandRules: draft.onDemandRules.filter((_, j) => j !== i) }); }} mb={24}>✕</ActionIcon>
              </Group>
            ))}
            <Group><Button size="xs" variant="default" onClick={() => { set({ onDemandRules: [...draft.onDemandRules, { action: 'connect', ssids: '', dnsDomains: '', interfaceType: 'any' }] }); }}>Add rule</Button></Group>
          </Stack>
        ) : null}
      </Card>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------

function MailServerFields({ title, server, onChange }: { readonly title: string; readonly server: MailServerDraft; readonly onChange: (s: MailServerDraft) => void }) {
  return (
    <Group align="flex-end" gap="sm">
      <TextInput label={`${title} host`} required value={server.host} onChange={(e) => { onChange({ ...server, host: e.currentTarget.value }); }} />
      <NumberInput label={`${title} port`} required value={server.port} onChange={(port) => { onChange({ ...server, port }); }} allowDecimal={false} clampBehavior="none" w={120} />
      <Checkbox label={`${title} uses TLS`} checked={server.ssl} onChange={(e) => { onChange({ ...server, ssl: e.currentTarget.checked }); }} mb={8} />
    </Group>
  );
}

/** E-mail: an Exchange ActiveSync account, or IMAP with SMTP, filled in per user through variables. */
export function EmailForm({ draft, onChange }: { readonly draft: EmailDraft; readonly onChange: (d: EmailDraft) => void }) {
  const set = (change: Partial<EmailDraft>) => { onChange({ ...draft, ...change }); };
  return (
    <Stack gap="sm">
      <Choice id="email-type" label="Account type" value={draft.accountType} data={[{ value: 'imap', label: 'IMAP and SMTP' }, { value: 'exchange', label: 'Exchange ActiveSync' }]} onChange={(accountType) => { set({ accountType }); }} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Account name" required value={draft.accountName} onChange={(e) => { set({ accountName: e.currentTarget.value }); }} />
        <TextInput label="E-mail address" required value={draft.emailAddress} onChange={(e) => { set({ emailAddress: e.currentTarget.value }); }} description="Usually {{user.email}}." />
        <TextInput label="User name" required value={draft.username} onChange={(e) => { set({ username: e.currentTarget.value }); }} description="Usually {{user.upn}}." />
      </SimpleGrid>
      {draft.accountType === 'exchange' ? (
        <Group align="flex-end">
          <TextInput label="Exchange host" required value={draft.exchangeHost} onChange={(e) => { set({ exchangeHost: e.currentTarget.value }); }} />
          <Checkbox label="Uses TLS" checked={draft.exchangeSsl} onChange={(e) => { set({ exchangeSsl: e.currentTarget.checked }); }} mb={8} />
        </Group>
      ) : (
        <>
          <MailServerFields title="Incoming (IMAP)" server={draft.incoming} onChange={(incoming) => { set({ incoming }); }} />
          <MailServerFields title="Outgoing (SMTP)" server={draft.outgoing} onChange={(outgoing) => { set({ outgoing }); }} />
        </>
      )}
      <Text size="xs" c="dimmed">{variablesHint} The user's password is never part of a profile: the device asks for it.</Text>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------

/** Certificates: a trusted root, a certificate Ward's CA issues per device or user, or one from a SCEP server. */
export function CertificateForm({ draft, onChange }: { readonly draft: CertificateDraft; readonly onChange: (d: CertificateDraft) => void }) {
  const set = (change: Partial<CertificateDraft>) => { onChange({ ...draft, ...change }); };
  return (
    <Stack gap="sm">
      <Choice id="certificate-type" label="Certificate" value={draft.type} data={[{ value: 'trustedRoot', label: 'Trusted root' }, { value: 'issued', label: "Issued by Ward's CA" }, { value: 'scep', label: 'From a SCEP server' }]} onChange={(type) => { set({ type }); }} />
      {draft.type === 'trustedRoot' ? (
        <>
          <TextInput label="Certificate name" required value={draft.name} onChange={(e) => { set({ name: e.currentTarget.value }); }} />
          <Textarea label="Certificate (PEM)" required value={draft.certificatePem} onChange={(e) => { set({ certificatePem: e.currentTarget.value }); }} autosize minRows={4} maxRows={14} styles={mono} placeholder="-----BEGIN CERTIFICATE-----" />
          <FileButton onChange={(file) => { void file?.text().then((certificatePem) => { set({ certificatePem }); }); }} accept=".pem,.crt,.cer">
            {(props) => <Group><Button size="xs" variant="default" {...props}>Load a PEM file…</Button></Group>}
          </FileButton>
        </>
      ) : null}
      {draft.type === 'issued' ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="For" data={[{ value: 'device', label: 'The device' }, { value: 'user', label: 'The primary user' }]} value={draft.scope} onChange={(v) => { if (v === 'device' || v === 'user') set({ scope: v }); }} allowDeselect={false} />
          <TextInput label="Subject" required value={draft.subject} onChange={(e) => { set({ subject: e.currentTarget.value }); }} description={variablesHint} />
          <NumberInput label="Valid for (days)" required value={draft.validityDays} onChange={(validityDays) => { set({ validityDays }); }} allowDecimal={false} clampBehavior="none" />
        </SimpleGrid>
      ) : null}
      {draft.type === 'scep' ? (
        <>
          <TextInput label="SCEP URL" required value={draft.url} onChange={(e) => { set({ url: e.currentTarget.value }); }} />
          <SecretInput label="Challenge" required secret={draft.challenge} onChange={(challenge) => { set({ challenge }); }} />
          <TextInput label="Subject" required value={draft.subject} onChange={(e) => { set({ subject: e.currentTarget.value }); }} description={variablesHint} />
          <Group align="flex-end">
            <Select label="Key size" data={['2048', '3072', '4096']} value={draft.keySize} onChange={(v) => { if (v === '2048' || v === '3072' || v === '4096') set({ keySize: v }); }} allowDeselect={false} w={140} />
            <MultiSelect label="Key usage" data={keyUsages.map((u) => ({ value: u, label: u }))} value={[...draft.keyUsage]} onChange={(v) => { set({ keyUsage: v.filter((u): u is (typeof keyUsages)[number] => (keyUsages as readonly string[]).includes(u)) }); }} w={360} />
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------

/** Custom: a raw platform payload, a managed file on Linux, a .mobileconfig, or a SyncML fragment. */
export function CustomForm({ draft, onChange }: { readonly draft: CustomDraft; readonly onChange: (d: CustomDraft) => void }) {
  const set = (change: Partial<CustomDraft>) => { onChange({ ...draft, ...change }); };
  const load = (file: File | null) => {
    if (file === null) return;
    void file.arrayBuffer().then((buffer) => {
      let binary = '';
      for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
      const base64 = btoa(binary);
      set({ base64, text: decodeText(base64) });
    });
  };
  const contentLabel = draft.platform === 'linux' ? 'File content' : draft.platform === 'macos' ? 'Configuration profile (.mobileconfig)' : 'SyncML fragment';
  return (
    <Stack gap="sm">
      <Choice id="custom-platform" label="Payload" value={draft.platform} data={[{ value: 'linux', label: 'Linux: managed file' }, { value: 'macos', label: 'macOS: .mobileconfig' }, { value: 'windows', label: 'Windows: SyncML' }]} onChange={(platform) => { set({ platform }); }} />
      {draft.platform === 'linux' ? (
        <Group align="flex-end">
          <TextInput label="Path" required value={draft.path} onChange={(e) => { set({ path: e.currentTarget.value }); }} description="An absolute path outside system locations." w={360} styles={mono} />
          <TextInput label="Mode" required value={draft.mode} onChange={(e) => { set({ mode: e.currentTarget.value }); }} description="Octal, such as 0644." w={120} styles={mono} />
        </Group>
      ) : null}
      {draft.text === null ? (
        <Text size="sm">Binary content, {Math.floor((draft.base64.length * 3) / 4).toLocaleString()} bytes. Load a file to replace it.</Text>
      ) : (
        <Textarea label={contentLabel} required value={draft.text} onChange={(e) => { set({ text: e.currentTarget.value }); }} autosize minRows={5} maxRows={20} styles={mono} />
      )}
      <FileButton onChange={load}>{(props) => <Group><Button size="xs" variant="default" {...props}>Load from a file…</Button></Group>}</FileButton>
    </Stack>
  );
}
