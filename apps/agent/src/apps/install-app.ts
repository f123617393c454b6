import type { BoundedRun } from '../process/run-bounded.js';
import { dpkgRootOptions, findTools, notApplicableReason, type AppContext, type ObtainedPackage } from './app-context.js';
import { describeToolFailure, failedApp, notApplicableApp, succeeded, type AppOutcome } from './app-outcome.js';
import { placeAppImage } from './appimage-files.js';
import type { ParsedApp } from './parse-app-item.js';
import { queryInstalledVersion } from './query-installed-version.js';

/** Fetches and verifies the package file of a `package` source (only called once the tools it needs are known present). */
export type ObtainPackage = () => Promise<ObtainedPackage>;

// Package tools must never wait for an answer: debconf asks nothing, dpkg keeps changed config files.
const NONINTERACTIVE = { DEBIAN_FRONTEND: 'noninteractive' } as const;
const KEEP_CONFIG = ['--force-confdef', '--force-confold'] as const;
// msiexec: 3010 and 1641 are successes that need (or started) a restart.
const MSI_SUCCESS = new Set([0, 1641, 3010]);

/**
 * Installs one app with the tool its source names, and reports the version present afterwards as
 * the tool that owns it lists it. A source this device cannot handle, or whose tool is missing,
 * is `notApplicable` with the reason; a tool that fails is `failed` with the end of its output.
 */
export async function installApp(ctx: AppContext, app: ParsedApp, obtain: ObtainPackage): Promise<AppOutcome> {
  const reason = notApplicableReason(ctx, app.source);
  if (reason !== undefined) return notApplicableApp(reason);
  const source = app.source;
  switch (source.kind) {
    case 'apt': {
      const tools = await findTools(ctx, ['apt-get', 'dpkg-query']);
      if (typeof tools === 'string') return notApplicableApp(tools);
      const install: [string, ...string[]] = [tools['apt-get'], 'install', '-y', ...KEEP_CONFIG.flatMap((o) => ['-o', `Dpkg::Options::=${o}`]), source.package];
      let run = await runTool(ctx, install, NONINTERACTIVE);
      if (!succeeded(run) && run.failure === undefined) {
        // Package lists older than the repository name files that are gone: refresh them once.
        const update = await runTool(ctx, [tools['apt-get'], 'update'], NONINTERACTIVE);
        if (succeeded(update)) run = await runTool(ctx, install, NONINTERACTIVE);
      }
      return afterInstall(ctx, app, 'apt-get', run, `the package ${source.package}`);
    }
    case 'dnf': {
      const tools = await findTools(ctx, ['dnf', 'rpm']);
      if (typeof tools === 'string') return notApplicableApp(tools);
      return afterInstall(ctx, app, 'dnf', await runTool(ctx, [tools.dnf, 'install', '-y', source.package]), `the package ${source.package}`);
    }
    case 'flatpak': {
      const tools = await findTools(ctx, ['flatpak']);
      if (typeof tools === 'string') return notApplicableApp(tools);
      const run = await runTool(ctx, [tools.flatpak, 'install', '--system', '-y', '--noninteractive', source.remote, source.ref]);
      return afterInstall(ctx, app, 'flatpak', run, `the flatpak ${source.ref}`);
    }
    case 'snap': {
      const tools = await findTools(ctx, ['snap']);
      if (typeof tools === 'string') return notApplicableApp(tools);
      // `snap install` leaves an installed snap on its channel; `snap refresh` moves it.
      const present = (await queryInstalledVersion(ctx, app)).state === 'present';
      const argv: [string, ...string[]] = [tools.snap, present ? 'refresh' : 'install', source.name, `--channel=${source.channel}`, ...(source.classic ? ['--classic'] : [])];
      return afterInstall(ctx, app, 'snap', await runTool(ctx, argv), `the snap ${source.name}`);
    }
    case 'package':
      return installPackage(ctx, app, source, obtain);
  }
}

async function installPackage(ctx: AppContext, app: ParsedApp, source: Extract<ParsedApp['source'], { kind: 'package' }>, obtain: ObtainPackage): Promise<AppOutcome> {
  const what = `the package ${source.identifier}`;
  const needed = toolsFor(source.format);
  const tools = await findTools(ctx, needed);
  if (typeof tools === 'string') return notApplicableApp(tools);
  if (source.format !== 'appimage') {
    // Already there at this version (a report lost with a restart): nothing to download.
    const before = await queryInstalledVersion(ctx, app);
    if (before.state === 'present' && before.version === source.version) return { status: 'installed', installedVersion: before.version };
  }
  const obtained = await obtain();
  if (!obtained.ok) return obtained.outcome;
  const file = obtained.file;
  switch (source.format) {
    case 'deb': {
      const run = await runTool(ctx, [tools.dpkg ?? 'dpkg', ...dpkgRootOptions(ctx), ...KEEP_CONFIG, '-i', file], NONINTERACTIVE);
      return afterInstall(ctx, app, 'dpkg', run, what);
    }
    case 'rpm': {
      const dnf = await ctx.tools.which('dnf');
      // dnf resolves the package's dependencies from the repositories; rpm alone cannot.
      const argv: [string, ...string[]] = dnf !== undefined ? [dnf, 'install', '-y', file] : [tools.rpm ?? 'rpm', '-U', '--replacepkgs', file];
      return afterInstall(ctx, app, dnf !== undefined ? 'dnf' : 'rpm', await runTool(ctx, argv), what);
    }
    case 'appimage':
      await placeAppImage(ctx.root, app, file);
      return { status: 'installed', installedVersion: source.version };
    case 'pkg':
      return afterInstall(ctx, app, 'installer', await runTool(ctx, [tools.installer ?? 'installer', '-pkg', file, '-target', '/']), what);
    case 'msi': {
      const run = await runTool(ctx, [tools.msiexec ?? 'msiexec', '/i', file, '/qn', '/norestart']);
      const ok = run.failure === undefined && run.exitCode !== null && MSI_SUCCESS.has(run.exitCode);
      return afterInstall(ctx, app, 'msiexec', ok ? { ...run, exitCode: 0 } : run, what);
    }
    case 'msix': {
      const command = `Add-AppxPackage -Path '${file.replaceAll("'", "''")}'`;
      return afterInstall(ctx, app, 'Add-AppxPackage', await runTool(ctx, [tools.powershell ?? 'powershell', '-NoProfile', '-NonInteractive', '-Command', command]), what);
    }
    case 'ipa':
    case 'apk':
      return notApplicableApp(`${source.format} apps do not install through the desktop agent`);
  }
}

/** The tools a package format needs on this host. */
function toolsFor(format: string): string[] {
  switch (format) {
    case 'deb':
      return ['dpkg', 'dpkg-query'];
    case 'rpm':
      return ['rpm'];
    case 'pkg':
      return ['installer', 'pkgutil'];
    case 'msi':
      return ['msiexec', 'reg'];
    case 'msix':
      return ['powershell'];
    default:
      return [];
  }
}

/** The outcome once the tool ran: its failure, or the version that the owning tool lists now. */
async function afterInstall(ctx: AppContext, app: ParsedApp, tool: string, run: BoundedRun, what: string): Promise<AppOutcome> {
  if (!succeeded(run)) return failedApp(describeToolFailure(tool, run));
  const presence = await queryInstalledVersion(ctx, app);
  switch (presence.state) {
    case 'present':
      return { status: 'installed', ...(presence.version === undefined || presence.version === '' ? {} : { installedVersion: presence.version }) };
    case 'absent':
      return failedApp(`${tool} finished, but ${what} is not installed afterwards`);
    case 'unknown':
      // The tool succeeded; only the version could not be read back.
      return { status: 'installed' };
  }
}

function runTool(ctx: AppContext, argv: [string, ...string[]], env?: Readonly<Record<string, string>>): Promise<BoundedRun> {
  return ctx.tools.run(argv, { timeoutMs: ctx.installTimeoutMs, signal: ctx.signal, ...(env === undefined ? {} : { env }) });
}
