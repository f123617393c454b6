import type { BoundedRun } from '../process/run-bounded.js';
import { dpkgRootOptions, findTools, notApplicableReason, type AppContext } from './app-context.js';
import { describeToolFailure, failedApp, notApplicableApp, succeeded, type AppOutcome } from './app-outcome.js';
import { removeAppImage } from './appimage-files.js';
import type { ParsedApp } from './parse-app-item.js';
import { queryInstalledVersion } from './query-installed-version.js';

/** How to take an app away: the tools it needs and the command, or why it cannot be done here. */
type Removal = { readonly tools: readonly string[]; readonly tool: string; readonly argv: (paths: Record<string, string | undefined>) => [string, ...string[]] } | { readonly notApplicable: string } | { readonly files: true };

/**
 * Removes one app with the tool its source names (apt-get remove, dnf remove, flatpak uninstall,
 * snap remove, dpkg -r, rpm -e, msiexec /x, Remove-AppxPackage, or deleting the AppImage). An app
 * that is not there counts as removed; one still listed after its tool succeeded is `failed`.
 */
export async function removeApp(ctx: AppContext, app: ParsedApp): Promise<AppOutcome> {
  const reason = notApplicableReason(ctx, app.source);
  if (reason !== undefined) return notApplicableApp(reason);
  const removal = removalOf(ctx, app);
  if ('notApplicable' in removal) return notApplicableApp(removal.notApplicable);
  if ('files' in removal) {
    await removeAppImage(ctx.root, app);
    return { status: 'removed' };
  }
  const tools = await findTools(ctx, removal.tools);
  if (typeof tools === 'string') return notApplicableApp(tools);
  const before = await queryInstalledVersion(ctx, app);
  if (before.state === 'absent') return { status: 'removed', note: 'it was not installed' };
  const run: BoundedRun = await ctx.tools.run(removal.argv(tools), { timeoutMs: ctx.installTimeoutMs, signal: ctx.signal, env: { DEBIAN_FRONTEND: 'noninteractive' } });
  const ok = succeeded(run) || (removal.tool === 'msiexec' && run.failure === undefined && (run.exitCode === 3010 || run.exitCode === 1641));
  if (!ok) return failedApp(describeToolFailure(removal.tool, run));
  const after = await queryInstalledVersion(ctx, app);
  return after.state === 'present' ? failedApp(`${removal.tool} finished, but the app is still installed${after.version === undefined ? '' : ` (version ${after.version})`}`) : { status: 'removed' };
}

function removalOf(ctx: AppContext, app: ParsedApp): Removal {
  const source = app.source;
  const at = (paths: Record<string, string | undefined>, name: string): string => paths[name] ?? name;
  switch (source.kind) {
    case 'apt':
      return { tools: ['apt-get', 'dpkg-query'], tool: 'apt-get', argv: (p) => [at(p, 'apt-get'), 'remove', '-y', source.package] };
    case 'dnf':
      return { tools: ['dnf', 'rpm'], tool: 'dnf', argv: (p) => [at(p, 'dnf'), 'remove', '-y', source.package] };
    case 'flatpak':
      return { tools: ['flatpak'], tool: 'flatpak', argv: (p) => [at(p, 'flatpak'), 'uninstall', '--system', '-y', '--noninteractive', source.ref] };
    case 'snap':
      return { tools: ['snap'], tool: 'snap', argv: (p) => [at(p, 'snap'), 'remove', source.name] };
    case 'package':
      switch (source.format) {
        case 'deb':
          return { tools: ['dpkg', 'dpkg-query'], tool: 'dpkg', argv: (p) => [at(p, 'dpkg'), ...dpkgRootOptions(ctx), '-r', source.identifier] };
        case 'rpm':
          return { tools: ['rpm'], tool: 'rpm', argv: (p) => [at(p, 'rpm'), '-e', source.identifier] };
        case 'appimage':
          return { files: true };
        case 'pkg':
          return { notApplicable: 'macOS installer packages have no uninstaller; the agent cannot take the app away' };
        case 'msi':
          return { tools: ['msiexec', 'reg'], tool: 'msiexec', argv: (p) => [at(p, 'msiexec'), '/x', source.identifier, '/qn', '/norestart'] };
        case 'msix':
          return {
            tools: ['powershell'],
            tool: 'Remove-AppxPackage',
            argv: (p) => [at(p, 'powershell'), '-NoProfile', '-NonInteractive', '-Command', `Get-AppxPackage -AllUsers -Name '${source.identifier}' | Remove-AppxPackage -AllUsers`],
          };
        case 'ipa':
        case 'apk':
          return { notApplicable: `${source.format} apps are not managed by the desktop agent` };
      }
  }
}
