import type { Device } from '../devices/model.js';
import type { User } from '../directory/model.js';
import type { IssuedCredential, PemCredential, Profile, ProfileId, RenderedCertificate, RenderedEmail, RenderedPayload, RenderedVpn, RenderedWifi, SettingValue } from './model.js';
import { escapeDnValue, substituteVariables, type ProfileVariable } from './variables.js';

/** What rendering one profile for one device needs besides the profile. */
export interface RenderContext {
  readonly device: Device;
  readonly user: User | null;
  /** Every profile of the tenant by id, to resolve certificate references. */
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Credentials Ward's CA issued for this device, by `issued` certificate profile id. */
  readonly credentials: ReadonlyMap<string, IssuedCredential>;
  /** Settings withheld from this device because of conflicts (settings profiles). */
  readonly withheldSettings?: ReadonlySet<string>;
}

/** A rendered payload, or why the profile does not apply to this device. */
export type RenderOutcome = { readonly status: 'rendered'; readonly payload: RenderedPayload } | { readonly status: 'notApplicable'; readonly reason: string };

/** Raised inside rendering to stop with a reason; turned into a notApplicable outcome. */
class NotApplicable extends Error {}

function missingVariable(name: ProfileVariable): never {
  const who = name.startsWith('user.') ? 'the device has no primary user' : 'the device has not reported it';
  throw new NotApplicable(`The profile uses {{${name}}} and ${who}.`);
}

/**
 * Pure: a profile's payload for one device, variables substituted and references resolved. A
 * variable without a value (no primary user, no serial number), a credential not issued yet, or a
 * missing referenced profile makes the profile notApplicable with a reason: nothing half-filled
 * is ever sent.
 */
export function renderProfile(profile: Profile, context: RenderContext): RenderOutcome {
  const fill = (template: string): string => {
    const result = substituteVariables(template, context.device, context.user);
    return result.ok ? result.text : missingVariable(result.missing);
  };
  // Subjects are distinguished names: a value must not be able to add an attribute.
  const fillDn = (template: string): string => {
    const result = substituteVariables(template, context.device, context.user, escapeDnValue);
    return result.ok ? result.text : missingVariable(result.missing);
  };
  try {
    return { status: 'rendered', payload: renderPayload(profile, context, fill, fillDn) };
  } catch (e) {
    if (e instanceof NotApplicable) return { status: 'notApplicable', reason: e.message };
    throw e;
  }
}

function renderPayload(profile: Profile, context: RenderContext, fill: (template: string) => string, fillDn: (template: string) => string): RenderedPayload {
  switch (profile.kind) {
    case 'settings': {
      const settings: Record<string, SettingValue> = {};
      for (const [id, value] of Object.entries(profile.body.settings)) {
        if (context.withheldSettings?.has(id) === true) continue;
        settings[id] = typeof value === 'string' ? fill(value) : value;
      }
      return { settings };
    }
    case 'wifi': {
      const { eap, passphrase, ...rest } = profile.body;
      const wifi: RenderedWifi = { ...rest, ...(passphrase === undefined ? {} : { passphrase }) };
      if (eap === undefined) return wifi;
      const client = certificateProfile(context, eap.clientCertificateProfileId);
      const clientCertificate = client.body.type === 'issued' ? issuedCredential(context, client) : undefined;
      return {
        ...wifi,
        eap: {
          method: 'tls',
          identity: fill(eap.identity),
          serverNames: eap.serverNames,
          trustedRootsPem: eap.trustedRootProfileIds.map((id) => trustedRootPem(context, id)),
          ...(clientCertificate === undefined ? {} : { clientCertificate }),
        },
      };
    }
    case 'vpn': {
      const body = profile.body;
      if (body.type === 'wireguard') return body;
      const auth = body.authentication;
      const authentication: Extract<RenderedVpn, { type: 'ikev2' }>['authentication'] =
        auth.method === 'sharedSecret'
          ? auth
          : { method: 'certificate', trustedRootsPem: auth.trustedRootProfileIds.map((id) => trustedRootPem(context, id)), ...issuedCredential(context, certificateProfile(context, auth.certificateProfileId)) };
      return { connectionName: body.connectionName, onDemand: body.onDemand, type: 'ikev2', server: body.server, remoteId: body.remoteId, localId: fill(body.localId), authentication };
    }
    case 'email': {
      const b = profile.body;
      const email: RenderedEmail = { ...b, accountName: fill(b.accountName), emailAddress: fill(b.emailAddress), username: fill(b.username) };
      return email;
    }
    case 'certificate': {
      const b = profile.body;
      let certificate: RenderedCertificate;
      switch (b.type) {
        case 'trustedRoot':
          certificate = b;
          break;
        case 'issued':
          certificate = { type: 'issued', scope: b.scope, ...issuedCredential(context, profile) };
          break;
        case 'scep':
          certificate = { ...b, subject: fillDn(b.subject) };
          break;
      }
      return certificate;
    }
    case 'custom':
      return profile.body;
  }
}

type CertificateProfile = Extract<Profile, { kind: 'certificate' }>;

function certificateProfile(context: RenderContext, id: ProfileId): CertificateProfile {
  const profile = context.profiles.get(id);
  if (profile?.kind !== 'certificate') throw new NotApplicable(`The certificate profile ${id} it uses no longer exists.`);
  return profile;
}

function trustedRootPem(context: RenderContext, id: ProfileId): string {
  const profile = certificateProfile(context, id);
  if (profile.body.type !== 'trustedRoot') throw new NotApplicable(`Profile ${profile.name} is no longer a trusted-root certificate profile.`);
  return profile.body.certificatePem;
}

function issuedCredential(context: RenderContext, profile: CertificateProfile): PemCredential {
  if (profile.body.type !== 'issued') throw new NotApplicable(`Profile ${profile.name} is no longer a Ward-issued certificate profile.`);
  if (profile.body.scope === 'user' && context.user === null) throw new NotApplicable(`Profile ${profile.name} issues a user certificate and the device has no primary user.`);
  const credential = context.credentials.get(profile.id);
  if (credential === undefined) throw new NotApplicable(`Ward's CA has not issued this device a certificate for profile ${profile.name} yet.`);
  const { certificatePem, chainPem, privateKeyPem } = credential;
  return { certificatePem, chainPem, privateKeyPem };
}
