import { join } from 'node:path';
import type { AppSource } from '@ward/agent-protocol';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { AppOutcome } from './app-outcome.js';
import type { AppTools } from './app-tools.js';

/** What installing or removing one app works with. */
export interface AppContext {
  /** The agent's root, resolved: `/` on a real host, a test root otherwise. */
  readonly root: string;
  /** Whether `root` is the host's own `/`: only then do the host's package managers run. */
  readonly hostRoot: boolean;
  readonly platform: AgentPlatform;
  readonly tools: AppTools;
  /** Time limit of an install or removal. */
  readonly installTimeoutMs: number;
  /** Time limit of a query (is it installed, which version). */
  readonly queryTimeoutMs: number;
  /** Aborted when the agent stops: the running tool is killed. */
  readonly signal: AbortSignal;
}

/** A package file downloaded and verified, or why there is none. */
export type ObtainedPackage = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly outcome: AppOutcome };

/**
 * Why `source` cannot be handled on this device, or undefined when it can (tools permitting).
 * Under a test root only what stays inside the root runs: dpkg with `--root` and AppImages, which
 * are files; the host's package managers would change the machine the test runs on.
 */
export function notApplicableReason(ctx: AppContext, source: AppSource): string | undefined {
  const onlyOn = (platform: AgentPlatform, what: string): string | undefined =>
    ctx.platform === platform ? undefined : `${what} install on ${platformName[platform]} only; this device runs ${platformName[ctx.platform]}`;
  const underRoot = `only .deb packages (dpkg --root) and AppImages install under a non-host root (${ctx.root})`;
  if (source.kind !== 'package') {
    return onlyOn('linux', `${source.kind} apps`) ?? (ctx.hostRoot ? undefined : `${source.kind} is not run against a non-host root: ${underRoot}`);
  }
  switch (source.format) {
    case 'deb':
      return onlyOn('linux', '.deb packages');
    case 'appimage':
      return onlyOn('linux', 'AppImages');
    case 'rpm':
      return onlyOn('linux', '.rpm packages') ?? (ctx.hostRoot ? undefined : `rpm is not run against a non-host root: ${underRoot}`);
    case 'pkg':
      return onlyOn('macos', '.pkg installers') ?? (ctx.hostRoot ? undefined : `installer is not run against a non-host root: ${underRoot}`);
    case 'msi':
    case 'msix':
      return onlyOn('windows', `.${source.format} packages`) ?? (ctx.hostRoot ? undefined : `Windows installers are not run against a non-host root: ${underRoot}`);
    case 'ipa':
      return 'iOS and iPadOS apps install through Apple MDM, not the desktop agent';
    case 'apk':
      return 'Android apps do not install through the desktop agent';
  }
}

/** The absolute paths of `names` on this host, or the reason when one is missing. */
export async function findTools<const N extends string>(ctx: AppContext, names: readonly N[]): Promise<Record<N, string> | string> {
  const found: Partial<Record<N, string>> = {};
  for (const name of names) {
    const path = await ctx.tools.which(name);
    if (path === undefined) return `${name} is not installed on this host`;
    found[name] = path;
  }
  return found as Record<N, string>;
}

/** dpkg's database under the root. */
export function dpkgAdminDir(ctx: AppContext): string {
  return join(ctx.root, 'var', 'lib', 'dpkg');
}

/** The options that keep a dpkg run inside a test root (none on the host root). */
export function dpkgRootOptions(ctx: AppContext): string[] {
  if (ctx.hostRoot) return [];
  return [`--root=${ctx.root}`, `--admindir=${dpkgAdminDir(ctx)}`, '--force-not-root', '--force-bad-path', `--log=${join(ctx.root, 'var', 'log', 'dpkg.log')}`];
}

/** The options that point dpkg-query at the root's database (none on the host root). */
export function dpkgQueryRootOptions(ctx: AppContext): string[] {
  return ctx.hostRoot ? [] : [`--admindir=${dpkgAdminDir(ctx)}`];
}

const platformName: Record<AgentPlatform, string> = { linux: 'Linux', macos: 'macOS', windows: 'Windows' };
