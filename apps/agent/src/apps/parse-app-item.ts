import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppItem, AppRemoval, AppSource, appPackageFormats, NO_HASH, type AppPackageFormat } from '@ward/agent-protocol';
import { isRecord } from '../storage/is-record.js';
import { packagePathProblem } from './package-path.js';

/** An app entry of a plan whose fields are well formed and safe to hand to a package tool. */
export interface ParsedApp {
  readonly id: string;
  readonly hash: string;
  readonly name: string;
  /** The catalog's version; empty for removals, which carry none. */
  readonly version: string;
  readonly source: AppSource;
}

/** The outcome of parsing one entry as it arrived. */
export type AppParse =
  | { readonly ok: true; readonly app: ParsedApp }
  /** `id` is absent when the entry has none usable: then it cannot be reported, only logged. */
  | { readonly ok: false; readonly id?: string; readonly hash: string; readonly error: string };

/** The largest package the agent downloads: 16 GiB (Xcode-sized installers exist). */
export const MAX_PACKAGE_BYTES = 16 * 1024 ** 3;

const sourceKinds = ['apt', 'dnf', 'flatpak', 'snap', 'package'] as const;

// Each name ends up as an argument of a package tool: a leading `-` would turn it into an option,
// a glob or `@group` would widen what dnf installs. Patterns follow each tool's own naming rules.
const DEBIAN_NAME = /^[a-z0-9][a-z0-9+.-]+(?::[a-z0-9][a-z0-9-]*)?$/;
const RPM_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const FLATPAK_REMOTE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const FLATPAK_REF = /^(?:(?:app|runtime)\/)?[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+(?:\/[A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.-]+)?)?$/;
const SNAP_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SNAP_CHANNEL = /^[a-z0-9][a-z0-9._/-]*$/;
const MSI_PRODUCT_CODE = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const MSIX_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const PKG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const identifierRules: Record<AppPackageFormat, { readonly pattern?: RegExp; readonly what: string }> = {
  deb: { pattern: DEBIAN_NAME, what: 'a Debian package name' },
  rpm: { pattern: RPM_NAME, what: 'an RPM package name' },
  appimage: { what: 'an identifier' },
  pkg: { pattern: PKG_ID, what: 'a macOS package identifier' },
  msi: { pattern: MSI_PRODUCT_CODE, what: 'an MSI product code ({GUID})' },
  msix: { pattern: MSIX_NAME, what: 'an MSIX package name' },
  ipa: { what: 'a bundle identifier' },
  apk: { what: 'a package name' },
};

// The envelopes with `source` left open, so a bad source is described by the checks below rather
// than by a union's "no variant matched".
const InstallEnvelope = Type.Object({ ...AppItem.properties, source: Type.Unknown() });
const RemoveEnvelope = Type.Object({ ...AppRemoval.properties, source: Type.Unknown() });

/**
 * Checks one `install` or `remove` entry of an app plan as it arrived (`unknown`): the envelope, a
 * source kind this agent knows, the source's fields against the protocol's schema, each name
 * against its tool's naming rules, and for a package the download path (on the Ward server only)
 * and a size the agent accepts. A failure names the field at fault.
 */
export function parseAppItem(value: unknown, entry: 'install' | 'remove', maxPackageBytes = MAX_PACKAGE_BYTES): AppParse {
  const id = isRecord(value) && typeof value.id === 'string' && value.id.length > 0 && value.id.length <= 128 ? value.id : undefined;
  const hash = isRecord(value) && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash) ? value.hash : NO_HASH;
  const fail = (error: string): AppParse => ({ ok: false, ...(id === undefined ? {} : { id }), hash, error });
  if (!isRecord(value)) return fail('malformed item: not an object');
  const envelope = schemaError(entry === 'install' ? InstallEnvelope : RemoveEnvelope, value, '');
  if (envelope !== undefined) return fail(`malformed item: ${envelope}`);
  const source = value.source;
  if (!isRecord(source)) return fail('source: not an object');
  if (typeof source.kind !== 'string' || !(sourceKinds as readonly string[]).includes(source.kind)) {
    return fail(`unknown source kind ${describe(source.kind)}: this agent installs from ${sourceKinds.join(', ')}`);
  }
  if (source.kind === 'package' && (typeof source.format !== 'string' || !(appPackageFormats as readonly string[]).includes(source.format))) {
    return fail(`unknown package format ${describe(source.format)}: Ward serves ${appPackageFormats.join(', ')}`);
  }
  const sourceError = schemaError(AppSource.anyOf.find((variant) => variant.properties.kind.const === source.kind) ?? AppSource, source, 'source');
  if (sourceError !== undefined) return fail(sourceError);
  const checked = source as AppSource;
  const problem = sourceProblem(checked, maxPackageBytes);
  if (problem !== undefined) return fail(problem);
  const name = typeof value.name === 'string' ? value.name : '';
  const version = entry === 'install' && typeof value.version === 'string' ? value.version : '';
  return { ok: true, app: { id: value.id as string, hash: value.hash as string, name, version, source: checked } };
}

function sourceProblem(source: AppSource, maxPackageBytes: number): string | undefined {
  const named = (field: string, text: string, pattern: RegExp, what: string): string | undefined =>
    pattern.test(text) ? undefined : `source/${field}: ${describe(text)} is not ${what}`;
  switch (source.kind) {
    case 'apt':
      return named('package', source.package, DEBIAN_NAME, 'a Debian package name');
    case 'dnf':
      return named('package', source.package, RPM_NAME, 'an RPM package name');
    case 'flatpak':
      return named('remote', source.remote, FLATPAK_REMOTE, 'a flatpak remote name') ?? named('ref', source.ref, FLATPAK_REF, 'a flatpak application ref');
    case 'snap':
      return named('name', source.name, SNAP_NAME, 'a snap name') ?? named('channel', source.channel, SNAP_CHANNEL, 'a snap channel');
    case 'package': {
      const path = packagePathProblem(source.url);
      if (path !== undefined) return `source/url: ${path}`;
      if (!Number.isSafeInteger(source.size) || source.size > maxPackageBytes) {
        return `source/size: ${source.size} bytes is more than the agent downloads (${maxPackageBytes} bytes)`;
      }
      const rule = identifierRules[source.format];
      return rule.pattern === undefined ? undefined : named('identifier', source.identifier, rule.pattern, rule.what);
    }
  }
}

/** The first schema violation as `<prefix><path>: <message>`, or undefined when `value` matches. */
function schemaError(schema: TSchema, value: unknown, prefix: string): string | undefined {
  const first = Value.Errors(schema, value).First();
  if (first === undefined) return undefined;
  return `${`${prefix}${first.path}` || '(item)'}: ${first.message}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : typeof value;
}
