import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { ConfigurationItem, Ownership, RenderedCertificate, RenderedCustom, RenderedEmail, RenderedPayload, RenderedSettings, RenderedVpn, RenderedWifi, SettingReport } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';
import type { ApplePlatform } from './apple-platform.js';
import type { Pkcs12Encryption } from './build-pkcs12.js';
import type { IdentityPacking } from './credential-payloads.js';
import { derivePayloadUuid } from './derive-payload-uuid.js';
import { createPayloadFactory } from './payload-factory.js';
import { renderCertificatePayloads } from './render-certificate-payloads.js';
import { renderCustomPayloads } from './render-custom-payloads.js';
import { renderEmailPayloads } from './render-email-payloads.js';
import { renderSettingsPayloads } from './render-settings-payloads.js';
import { renderVpnPayloads } from './render-vpn-payloads.js';
import { renderWifiPayloads } from './render-wifi-payloads.js';

/** How Ward's Apple profiles are labelled and installed. */
export interface RenderAppleProfileOptions {
  /** Reverse-DNS prefix of every identifier Ward writes, such as `com.example.ward`. */
  readonly identifierPrefix: string;
  /** PayloadOrganization, shown on the device. */
  readonly organization: string;
  /** The MDM channel that installs the profile: on macOS, `device` installs for the system (PayloadScope System), `user` for the user. */
  readonly channel: 'device' | 'user';
  /** Corporate devices get PayloadRemovalDisallowed. */
  readonly ownership: Ownership;
  /** A user-enrolled device: PayloadRemovalDisallowed is forbidden there (TopLevel.yaml). */
  readonly userEnrollment?: boolean;
  /** Random bytes for PKCS#12 passwords and salts; Node's CSPRNG when absent. */
  readonly randomBytes?: (length: number) => Uint8Array;
  /** How identities (PKCS#12) are encrypted; default `aes256`. See {@link Pkcs12Encryption}. */
  readonly pkcs12Encryption?: Pkcs12Encryption;
}

/** A rendered Configuration profile, ready to encode, sign and send with InstallProfile. */
export interface AppleProfile {
  /** PayloadIdentifier: stable for the Ward profile across versions, so RemoveProfile can name it. */
  readonly identifier: string;
  /** PayloadUUID: derived from the item hash, so a changed item is a new version. */
  readonly payloadUuid: string;
  readonly dict: PlistDict;
  /** Settings (settings profiles only) that are not applied as set; see {@link SettingsRendering.reports}. */
  readonly settings: readonly SettingReport[];
}

/** Why the profile has no Apple form on this platform. */
export interface AppleProfileNotApplicable {
  readonly notApplicable: string;
  readonly settings: readonly SettingReport[];
}

export type AppleProfileRendering = AppleProfile | AppleProfileNotApplicable;

const REVERSE_DNS = /^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,20}$/;

/** The PayloadIdentifier of Ward profile `profileId`: what InstallProfile installs and RemoveProfile removes. */
export function appleProfileIdentifier(identifierPrefix: string, profileId: string): string {
  if (!REVERSE_DNS.test(identifierPrefix)) throw new Error('the identifier prefix must be reverse-DNS, such as com.example.ward');
  return `${identifierPrefix}.profile.${profileId.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/**
 * An item of the policy engine (`ConfigurationItem`, variables already substituted) as an Apple
 * Configuration profile (TopLevel.yaml) for `platform`: settings, Wi-Fi, VPN, e-mail, certificate
 * and custom items become their Apple payloads (see each `render-*-payloads.ts`), with their
 * certificates as companion payloads in the same profile. Items or settings with no Apple form on
 * the platform come back as not applicable, with reasons.
 *
 * @throws Error when the item's kind and payload disagree, or a credential in it cannot be read:
 *   both are broken invariants of the policy engine, not input to handle.
 */
export function renderAppleProfile(item: ConfigurationItem, platform: ApplePlatform, options: RenderAppleProfileOptions): AppleProfileRendering {
  const identifier = appleProfileIdentifier(options.identifierPrefix, item.id);
  const versionSeed = `ward-apple-profile:${platform}:${item.hash}`;
  const factory = createPayloadFactory(identifier, versionSeed, options.organization);
  const packing: IdentityPacking = {
    randomBytes: options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n))),
    ...(options.pkcs12Encryption === undefined ? {} : { encryption: options.pkcs12Encryption }),
  };
  let settings: readonly SettingReport[] = [];
  let content: readonly PlistDict[];
  const payload = item.payload;
  switch (item.kind) {
    case 'settings': {
      const rendered = renderSettingsPayloads(factory, expect(payload, isSettings, item.kind).settings, platform);
      settings = rendered.reports;
      if (rendered.payloads.length === 0) return { notApplicable: `None of the profile's settings applies to ${platform}.`, settings };
      content = rendered.payloads.map((p) => p.dict);
      break;
    }
    case 'wifi':
      content = renderWifiPayloads(factory, expect(payload, isWifi, item.kind), item.name, packing).map((p) => p.dict);
      break;
    case 'vpn': {
      const rendered = renderVpnPayloads(factory, expect(payload, isVpn, item.kind), item.name, packing);
      if ('notApplicable' in rendered) return { notApplicable: rendered.notApplicable, settings };
      content = rendered.map((p) => p.dict);
      break;
    }
    case 'email': {
      const rendered = renderEmailPayloads(factory, expect(payload, isEmail, item.kind), platform);
      if ('notApplicable' in rendered) return { notApplicable: rendered.notApplicable, settings };
      content = rendered.map((p) => p.dict);
      break;
    }
    case 'certificate':
      content = renderCertificatePayloads(factory, expect(payload, isCertificate, item.kind), item.name, packing).map((p) => p.dict);
      break;
    case 'custom': {
      const rendered = renderCustomPayloads(expect(payload, isCustom, item.kind));
      if ('notApplicable' in rendered) return { notApplicable: rendered.notApplicable, settings };
      content = rendered;
      break;
    }
  }
  const payloadUuid = derivePayloadUuid(versionSeed);
  const dict: Record<string, PlistDict[keyof PlistDict]> = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: payloadUuid,
    PayloadDisplayName: item.name,
    PayloadOrganization: options.organization,
    PayloadContent: content,
  };
  if (platform === 'macos') dict.PayloadScope = options.channel === 'device' ? 'System' : 'User';
  if (options.ownership === 'corporate' && options.userEnrollment !== true) dict.PayloadRemovalDisallowed = true;
  return { identifier, payloadUuid, dict, settings };
}

function expect<T extends RenderedPayload>(payload: RenderedPayload, guard: (p: RenderedPayload) => p is T, kind: string): T {
  if (!guard(payload)) throw new Error(`a ${kind} item whose payload is not a ${kind} payload`);
  return payload;
}

const isSettings = (p: RenderedPayload): p is RenderedSettings => 'settings' in p;
const isWifi = (p: RenderedPayload): p is RenderedWifi => 'ssid' in p;
const isVpn = (p: RenderedPayload): p is RenderedVpn => 'connectionName' in p;
const isEmail = (p: RenderedPayload): p is RenderedEmail => 'accountType' in p;
const isCustom = (p: RenderedPayload): p is RenderedCustom => 'format' in p && 'contentBase64' in p;
const isCertificate = (p: RenderedPayload): p is RenderedCertificate => 'type' in p && (p.type === 'trustedRoot' || p.type === 'issued' || p.type === 'scep') && !('connectionName' in p);
