import { join } from 'node:path';
import type { AgentPaths } from '../config/agent-paths.js';
import type { AgentPlatform } from '../config/agent-platform.js';
import { LAUNCHD_LABEL, renderLaunchdPlist } from './render-launchd-plist.js';
import { renderSystemdUnit } from './render-systemd-unit.js';
import type { ServicePlan, ServiceProgram } from './service-plan.js';
import { ServiceProgramError, serviceProgramProblems } from './service-program-error.js';
import { windowsInstallSteps, windowsServiceLayout, windowsUninstallSteps } from './windows-service.js';

/** Where the service file of `platform` goes under `root`; undefined on Windows, which keeps services in the registry. */
export function serviceFilePath(platform: AgentPlatform, root: string): string | undefined {
  switch (platform) {
    case 'linux':
      return join(root, 'etc', 'systemd', 'system', 'ward-agent.service');
    case 'macos':
      return join(root, 'Library', 'LaunchDaemons', `${LAUNCHD_LABEL}.plist`);
    case 'windows':
      return undefined;
  }
}

/**
 * The steps that install the agent as a service on `platform`: Linux writes the systemd unit then
 * `systemctl daemon-reload` and `systemctl enable --now ward-agent`; macOS writes the launchd plist
 * then `launchctl bootstrap`; Windows restricts the agent's folders to SYSTEM and the
 * Administrators, compiles the service host that runs the agent and creates the service with
 * `sc.exe` (see {@link windowsInstallSteps}).
 *
 * @throws ServiceProgramError when `program` cannot be a service's program (relative paths, control characters).
 */
export function planServiceInstall(platform: AgentPlatform, paths: AgentPaths, program: ServiceProgram): ServicePlan {
  const problems = serviceProgramProblems(platform, program);
  if (problems.length > 0) throw new ServiceProgramError(problems);
  switch (platform) {
    case 'linux':
      return {
        steps: [
          { kind: 'write', path: serviceFilePath('linux', paths.root) ?? '', content: renderSystemdUnit(program), mode: 0o644 },
          { kind: 'run', argv: ['systemctl', 'daemon-reload'] },
          { kind: 'run', argv: ['systemctl', 'enable', '--now', 'ward-agent'] },
        ],
      };
    case 'macos': {
      const plist = serviceFilePath('macos', paths.root) ?? '';
      return {
        steps: [
          { kind: 'write', path: plist, content: renderLaunchdPlist(program), mode: 0o644 },
          { kind: 'run', argv: ['launchctl', 'bootstrap', 'system', plist] },
        ],
      };
    }
    case 'windows':
      return { steps: windowsInstallSteps(program, windowsServiceLayout(paths)) };
  }
}

/** The steps that stop and remove the service on `platform`. */
export function planServiceUninstall(platform: AgentPlatform, paths: AgentPaths): ServicePlan {
  switch (platform) {
    case 'linux':
      return {
        steps: [
          { kind: 'run', argv: ['systemctl', 'disable', '--now', 'ward-agent'] },
          { kind: 'remove', path: serviceFilePath('linux', paths.root) ?? '' },
          { kind: 'run', argv: ['systemctl', 'daemon-reload'] },
        ],
      };
    case 'macos':
      return {
        steps: [
          { kind: 'run', argv: ['launchctl', 'bootout', `system/${LAUNCHD_LABEL}`] },
          { kind: 'remove', path: serviceFilePath('macos', paths.root) ?? '' },
        ],
      };
    case 'windows':
      return { steps: windowsUninstallSteps(windowsServiceLayout(paths)) };
  }
}
