import { Type, type Static } from '@sinclair/typebox';

// The apps part of the check-in (docs/protocols/agent-v1.md, "Apps"): the apps the server wants
// installed or removed in the answer, the agent's reports of what it did in the next request.
// It mirrors `configuration`: the server sends only what differs from the last report.

/** Size limits of the apps part. */
export const appLimits = {
  /** Items per answer; the rest wait for the next check-in. */
  itemsPerAnswer: 50,
  /** A report's `error` text. */
  errorChars: 2000,
  /** Reports per check-in. */
  reportsPerCheckIn: 500,
} as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** The package formats Ward reads and serves. */
export const appPackageFormats = ['deb', 'rpm', 'appimage', 'pkg', 'msi', 'msix', 'ipa', 'apk'] as const;
export type AppPackageFormat = (typeof appPackageFormats)[number];

/**
 * Where the agent gets the app from. Repository sources name a package the host's own tool
 * installs; `package` is a line-of-business file Ward stores, fetched from `url` (relative to the
 * server, authenticated by the device certificate, resumable with `Range`) and checked against
 * `sha256` and `size` before anything installs it.
 */
export const AppSource = Type.Union([
  Type.Object({ kind: Type.Literal('apt'), package: Text(200, 1) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('dnf'), package: Text(200, 1) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('flatpak'), ref: Text(255, 1), remote: Text(100, 1) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('snap'), name: Text(100, 1), channel: Text(100, 1), classic: Type.Boolean() }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('package'),
      format: Type.Union(appPackageFormats.map((f) => Type.Literal(f))),
      url: Text(2048, 1),
      sha256: Sha256Hex,
      size: Type.Integer({ minimum: 1 }),
      /** The identifier inside the package (dpkg/rpm name, bundle id, product code). */
      identifier: Text(255, 1),
      version: Text(100, 1),
    },
    { additionalProperties: false },
  ),
]);
export type AppSource = Static<typeof AppSource>;

/**
 * One app the device should have. `id` is the catalog app's id (stable across versions); `hash`
 * names this exact desired item (version and source) and is what the agent reports back.
 */
export const AppItem = Type.Object({
  id: Text(128, 1),
  hash: Sha256Hex,
  name: Text(200),
  version: Text(100),
  source: AppSource,
});
export type AppItem = Static<typeof AppItem>;

/** An app to uninstall: the source tells the agent which tool and name to remove it with. */
export const AppRemoval = Type.Object({ id: Text(128, 1), hash: Sha256Hex, name: Text(200), source: AppSource });
export type AppRemoval = Static<typeof AppRemoval>;

/** `apps` in the check-in response. */
export const AppPlan = Type.Object({ install: Type.Array(AppItem), remove: Type.Array(AppRemoval) });
export type AppPlan = Static<typeof AppPlan>;

/**
 * What happened to one app on the device: `installed` (with the version now present), `removed`,
 * `failed` and `notApplicable` (with the device's reason, e.g. no flatpak on this host).
 */
export const AppReport = Type.Object(
  {
    id: Text(128, 1),
    hash: Sha256Hex,
    status: Type.Union([Type.Literal('installed'), Type.Literal('removed'), Type.Literal('failed'), Type.Literal('notApplicable')]),
    installedVersion: Type.Optional(Text(100)),
    error: Type.Optional(Text(appLimits.errorChars)),
  },
  { additionalProperties: false },
);
export type AppReport = Static<typeof AppReport>;

/** `apps` in the check-in request. */
export const AppReports = Type.Object({ reports: Type.Array(AppReport, { maxItems: appLimits.reportsPerCheckIn }) }, { additionalProperties: false });
export type AppReports = Static<typeof AppReports>;
