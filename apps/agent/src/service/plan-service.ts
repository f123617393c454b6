import { join } from 'node:path';
import type { AgentPlatform } from '../config/agent-platform.js';
import { LAUNCHD_LABEL, renderLaunchdPlist } from './render-launchd-plist.js';
import { renderSystemdUnit } from './render-systemd-unit.js';
import type { ServicePlan, ServiceProgram } from './service-plan.js';
import { windowsInstallCommands, windowsUninstallCommands } from './windows-service.js';

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
 * then `launchctl bootstrap`; Windows runs `sc.exe create` and friends.
 */
export function planServiceInstall(platform: AgentPlatform, root: string, program: ServiceProgram): ServicePlan {
  switch (platform) {
    case 'linux':
      return {
        steps: [
          { kind: 'write', path: serviceFilePath('linux', root) ?? '', content: renderSystemdUnit(program), mode: 0o644 },
          { kind: 'run', argv: ['systemctl', 'daemon-reload'] },
          { kind: 'run', argv: ['systemctl', 'enable', '--now', 'ward-agent'] },
        ],
      };
    case 'macos': {
      const plist = serviceFilePath('macos', root) ?? '';
      return {
        steps: [
          { kind: 'write', path: plist, content: renderLaunchdPlist(program), mode: 0o644 },
          { kind: 'run', argv: ['launchctl', 'bootstrap', 'system', plist] },
        ],
      };
    }
    case 'windows':
      return { steps: windowsInstallCommands(program).map((argv) => ({ kind: 'run', argv })) };
  }
}

/** The steps that stop and remove the service on `platform`. */
export function planServiceUninstall(platform: AgentPlatform, root: string): ServicePlan {
  switch (platform) {
    case 'linux':
      return {
        steps: [
          { kind: 'run', argv: ['systemctl', 'disable', '--now', 'ward-agent'] },
          { kind: 'remove', path: serviceFilePath('linux', root) ?? '' },
          { kind: 'run', argv: ['systemctl', 'daemon-reload'] },
        ],
      };
    case 'macos':
      return {
        steps: [
          { kind: 'run', argv: ['launchctl', 'bootout', `system/${LAUNCHD_LABEL}`] },
          { kind: 'remove', path: serviceFilePath('macos', root) ?? '' },
        ],
      };
    case 'windows':
      return { steps: windowsUninstallCommands().map((argv) => ({ kind: 'run', argv })) };
  }
}
