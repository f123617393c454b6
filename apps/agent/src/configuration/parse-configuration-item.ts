import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { matchesSchema } from '../protocol/matches-schema.js';
import { isRecord } from '../storage/is-record.js';
import {
  ConfigurationItem,
  EmailPayload,
  Ikev2VpnPayload,
  IssuedCertificatePayload,
  isProfileKind,
  profileKinds,
  LinuxFilePayload,
  NO_HASH,
  OtherPlatformCustomPayload,
  ScepPayload,
  SettingsPayload,
  TrustedRootPayload,
  WifiPayload,
  WireguardVpnPayload,
  type CertificatePayload,
  type CustomPayload,
  type VpnPayload,
} from '@ward/agent-protocol';

/** A payload that matched its kind's schema. */
export type TypedPayload =
  | { readonly kind: 'settings'; readonly payload: SettingsPayload }
  | { readonly kind: 'wifi'; readonly payload: WifiPayload }
  | { readonly kind: 'vpn'; readonly payload: VpnPayload }
  | { readonly kind: 'email'; readonly payload: EmailPayload }
  | { readonly kind: 'certificate'; readonly payload: CertificatePayload }
  | { readonly kind: 'custom'; readonly payload: CustomPayload };

/** An item whose envelope and payload are well formed. */
export type ParsedItem = { readonly id: string; readonly hash: string; readonly name: string } & TypedPayload;

/** The outcome of parsing one item from the server. */
export type ItemParse =
  | { readonly ok: true; readonly item: ParsedItem }
  /** `id` is absent when the item has none usable: then it cannot be reported, only logged. */
  | { readonly ok: false; readonly id?: string; readonly hash: string; readonly error: string };

/**
 * Checks one `install` entry as it arrived (`unknown`): the envelope, the kind, and the payload
 * against that kind's schema (a discriminated variant is chosen by its discriminant first, so the
 * error names the field at fault rather than "no variant matched").
 */
export function parseConfigurationItem(value: unknown): ItemParse {
  const id = isRecord(value) && typeof value.id === 'string' && value.id.length > 0 && value.id.length <= 128 ? value.id : undefined;
  const hash = isRecord(value) && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash) ? value.hash : NO_HASH;
  const envelope = schemaError(ConfigurationItem, value, '');
  if (envelope !== undefined || !isRecord(value)) return { ok: false, ...(id === undefined ? {} : { id }), hash, error: `malformed item: ${envelope ?? 'not an object'}` };
  const item = value as ConfigurationItem;
  const head = { id: item.id, hash: item.hash, name: item.name };
  const failed = (error: string): ItemParse => ({ ok: false, id: item.id, hash: item.hash, error });
  if (!isProfileKind(item.kind)) return failed(`unknown profile kind "${item.kind}": this agent applies ${profileKinds.join(', ')}`);
  const payload = item.payload;
  const check = <T extends TSchema>(schema: T): Static<T> | string =>
    matchesSchema(schema, payload) ? payload : (schemaError(schema, payload, 'payload') ?? 'payload: does not match its schema');
  switch (item.kind) {
    case 'settings': {
      const parsed = check(SettingsPayload);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'settings', payload: parsed } };
    }
    case 'wifi': {
      const parsed = check(WifiPayload);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'wifi', payload: parsed } };
    }
    case 'email': {
      const parsed = check(EmailPayload);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'email', payload: parsed } };
    }
    case 'vpn': {
      const schema = payload.type === 'ikev2' ? Ikev2VpnPayload : payload.type === 'wireguard' ? WireguardVpnPayload : undefined;
      if (schema === undefined) return failed(`payload/type: expected "ikev2" or "wireguard", got ${describe(payload.type)}`);
      const parsed = check(schema);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'vpn', payload: parsed } };
    }
    case 'certificate': {
      const schema = payload.type === 'trustedRoot' ? TrustedRootPayload : payload.type === 'issued' ? IssuedCertificatePayload : payload.type === 'scep' ? ScepPayload : undefined;
      if (schema === undefined) return failed(`payload/type: expected "trustedRoot", "issued" or "scep", got ${describe(payload.type)}`);
      const parsed = check(schema);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'certificate', payload: parsed } };
    }
    case 'custom': {
      const schema = payload.platform === 'linux' ? LinuxFilePayload : payload.platform === 'macos' || payload.platform === 'windows' ? OtherPlatformCustomPayload : undefined;
      if (schema === undefined) return failed(`payload/platform: expected "linux", "macos" or "windows", got ${describe(payload.platform)}`);
      const parsed = check(schema);
      return typeof parsed === 'string' ? failed(parsed) : { ok: true, item: { ...head, kind: 'custom', payload: parsed } };
    }
  }
}

/** The first schema violation as `<prefix><path>: <message>`, or undefined when `value` matches. */
function schemaError(schema: TSchema, value: unknown, prefix: string): string | undefined {
  const first = Value.Errors(schema, value).First();
  if (first === undefined) return undefined;
  const path = `${prefix}${first.path}` || '(item)';
  return `${path}: ${first.message}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
