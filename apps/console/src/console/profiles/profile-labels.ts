import type { ProfileKind, ProfileStatus } from '../../api/types';

/** Profile kinds in the order the "New profile" menu offers them, with what each is for. */
export const profileKindInfo: Readonly<Record<ProfileKind, { readonly label: string; readonly description: string }>> = {
  settings: { label: 'Settings', description: 'Password, encryption, firewall, screen lock, updates and restrictions, from the settings catalog.' },
  wifi: { label: 'Wi-Fi', description: 'A network with its passphrase or EAP-TLS certificate, and proxy.' },
  vpn: { label: 'VPN', description: 'IKEv2 or WireGuard, with on-demand rules.' },
  email: { label: 'E-mail', description: 'An Exchange ActiveSync or IMAP/SMTP account, filled in per user.' },
  certificate: { label: 'Certificate', description: "A trusted root, or a device or user certificate from Ward's CA or a SCEP server." },
  custom: { label: 'Custom', description: 'A raw payload: a Linux file, a macOS .mobileconfig or a Windows SyncML fragment.' },
};

export const profileKinds = Object.keys(profileKindInfo) as ProfileKind[];

/** A profile's status on a device, in words, with its badge color. */
export const profileStatusInfo: Readonly<Record<ProfileStatus, { readonly label: string; readonly color: string }>> = {
  succeeded: { label: 'Succeeded', color: 'green' },
  pending: { label: 'Pending', color: 'blue' },
  failed: { label: 'Failed', color: 'red' },
  conflict: { label: 'Conflict', color: 'orange' },
  notApplicable: { label: 'Not applicable', color: 'gray' },
  removing: { label: 'Removing', color: 'gray' },
};

export const profileStatuses = Object.keys(profileStatusInfo) as ProfileStatus[];
