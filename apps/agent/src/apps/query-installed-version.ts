import type { AppSource } from '@ward/agent-protocol';
import { dpkgQueryRootOptions, findTools, type AppContext } from './app-context.js';
import { describeToolFailure } from './app-outcome.js';
import { appImagePresent } from './appimage-files.js';
import type { ParsedApp } from './parse-app-item.js';

/** Whether an app is on the device, and at which version when the tool says. */
export type Presence =
  | { readonly state: 'present'; readonly version?: string }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly reason: string };

// dpkg's second status letter when the package's files are in place (installed, awaiting or pending triggers).
const DPKG_INSTALLED = new Set(['i', 'W', 't']);
const REG_UNINSTALL = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

/**
 * Asks the tool that owns `app` whether it is installed: dpkg-query (apt, .deb), rpm (dnf, .rpm),
 * `flatpak info`, `snap list`, `pkgutil`, the Windows uninstall registry (.msi), Get-AppxPackage
 * (.msix), or the file itself (AppImage). Never changes anything.
 */
export async function queryInstalledVersion(ctx: AppContext, app: Pick<ParsedApp, 'id' | 'name' | 'source'>): Promise<Presence> {
  const source: AppSource = app.source;
  switch (source.kind) {
    case 'apt':
      return dpkgPresence(ctx, source.package);
    case 'dnf':
      return rpmPresence(ctx, source.package);
    case 'flatpak':
      return flatpakPresence(ctx, source.ref);
    case 'snap':
      return snapPresence(ctx, source.name);
    case 'package':
      switch (source.format) {
        case 'deb':
          return dpkgPresence(ctx, source.identifier);
        case 'rpm':
          return rpmPresence(ctx, source.identifier);
        case 'appimage':
          return (await appImagePresent(ctx.root, app)) ? { state: 'present', version: source.version } : { state: 'absent' };
        case 'pkg':
          return pkgPresence(ctx, source.identifier);
        case 'msi':
          return msiPresence(ctx, source.identifier);
        case 'msix':
          return msixPresence(ctx, source.identifier);
        case 'ipa':
        case 'apk':
          return { state: 'unknown', reason: `the desktop agent cannot see ${source.format} apps` };
      }
  }
}

async function dpkgPresence(ctx: AppContext, name: string): Promise<Presence> {
  return query(ctx, 'dpkg-query', (tool) => [tool, ...dpkgQueryRootOptions(ctx), '-W', '-f', '${db:Status-Abbrev}\\t${Version}', name], (code, output) => {
    if (code === 1 && /no packages found/i.test(output)) return { state: 'absent' };
    if (code !== 0) return undefined;
    const line = output.split('\n').find((candidate) => candidate.includes('\t')) ?? '';
    const [status = '', version = ''] = line.split('\t');
    return DPKG_INSTALLED.has(status[1] ?? '') ? { state: 'present', version: version.trim() } : { state: 'absent' };
  });
}

async function rpmPresence(ctx: AppContext, name: string): Promise<Presence> {
  return query(ctx, 'rpm', (tool) => [tool, '-q', '--qf', '%{VERSION}-%{RELEASE}\\n', name], (code, output) => {
    if (code === 0) return { state: 'present', version: output.split('\n').find((line) => line.trim() !== '' && !line.startsWith('warning:'))?.trim() ?? '' };
    return /is not installed/i.test(output) ? { state: 'absent' } : undefined;
  });
}

async function flatpakPresence(ctx: AppContext, ref: string): Promise<Presence> {
  return query(ctx, 'flatpak', (tool) => [tool, 'info', '--system', ref], (code, output) => {
    if (code !== 0) return /not installed|not present|no such ref/i.test(output) ? { state: 'absent' } : undefined;
    const version = /^\s*Version:\s*(\S.*)$/m.exec(output)?.[1]?.trim();
    return { state: 'present', ...(version === undefined ? {} : { version }) };
  });
}

async function snapPresence(ctx: AppContext, name: string): Promise<Presence> {
  return query(ctx, 'snap', (tool) => [tool, 'list', name], (code, output) => {
    if (code !== 0) return /no matching snaps/i.test(output) ? { state: 'absent' } : undefined;
    const row = output.split('\n').map((line) => line.trim().split(/\s+/)).find((columns) => columns[0] === name);
    return row === undefined ? { state: 'absent' } : { state: 'present', ...(row[1] === undefined ? {} : { version: row[1] }) };
  });
}

async function pkgPresence(ctx: AppContext, identifier: string): Promise<Presence> {
  return query(ctx, 'pkgutil', (tool) => [tool, '--pkg-info', identifier], (code, output) => {
    if (code !== 0) return /No receipt/i.test(output) ? { state: 'absent' } : undefined;
    const version = /^version:\s*(\S.*)$/m.exec(output)?.[1]?.trim();
    return { state: 'present', ...(version === undefined ? {} : { version }) };
  });
}

async function msiPresence(ctx: AppContext, productCode: string): Promise<Presence> {
  // 64-bit and 32-bit installers register in different views of the registry.
  for (const view of ['/reg:64', '/reg:32']) {
    const presence = await query(ctx, 'reg', (tool) => [tool, 'query', `${REG_UNINSTALL}\\${productCode}`, '/v', 'DisplayVersion', view], (code, output) => {
      if (code !== 0) return { state: 'absent' };
      const version = /DisplayVersion\s+REG_\w+\s+(\S.*)$/m.exec(output)?.[1]?.trim();
      return { state: 'present', ...(version === undefined ? {} : { version }) };
    });
    if (presence.state !== 'absent') return presence;
  }
  return { state: 'absent' };
}

async function msixPresence(ctx: AppContext, name: string): Promise<Presence> {
  return query(ctx, 'powershell', (tool) => [tool, '-NoProfile', '-NonInteractive', '-Command', `(Get-AppxPackage -AllUsers -Name '${name}' | Select-Object -First 1).Version`], (code, output) => {
    if (code !== 0) return undefined;
    const version = output.trim();
    return version === '' ? { state: 'absent' } : { state: 'present', version };
  });
}

/** Runs one query tool; `read` turns its exit code and output into a presence, or undefined when it failed. */
async function query(ctx: AppContext, name: string, argv: (tool: string) => [string, ...string[]], read: (code: number, output: string) => Presence | undefined): Promise<Presence> {
  const tools = await findTools(ctx, [name]);
  if (typeof tools === 'string') return { state: 'unknown', reason: tools };
  const run = await ctx.tools.run(argv(tools[name] ?? name), { timeoutMs: ctx.queryTimeoutMs, signal: ctx.signal });
  const presence = run.failure === undefined && run.exitCode !== null ? read(run.exitCode, run.output) : undefined;
  return presence ?? { state: 'unknown', reason: describeToolFailure(name, run) };
}
