import type { Argv } from '../config/agent-config.js';
import type { ServiceProgram } from './service-plan.js';

/** The Windows service name. */
export const WINDOWS_SERVICE_NAME = 'WardAgent';

/**
 * The `sc.exe` command lines that create and start the `WardAgent` service (automatic start,
 * restarted after failures). `sc.exe` wants each `option=` and its value as separate arguments, and
 * the binary path as one argument with its own quotes inside.
 */
export function windowsInstallCommands(program: ServiceProgram): Argv[] {
  const binPath = `"${program.nodePath}" "${program.agentPath}" run`;
  return [
    ['sc.exe', 'create', WINDOWS_SERVICE_NAME, 'binPath=', binPath, 'start=', 'auto', 'DisplayName=', 'Ward Agent'],
    ['sc.exe', 'description', WINDOWS_SERVICE_NAME, 'Ward device agent: inventory, remote actions and compliance for Ward.'],
    ['sc.exe', 'failure', WINDOWS_SERVICE_NAME, 'reset=', '86400', 'actions=', 'restart/10000/restart/10000/restart/60000'],
    ['sc.exe', 'start', WINDOWS_SERVICE_NAME],
  ];
}

/** The `sc.exe` command lines that stop and delete the service. */
export function windowsUninstallCommands(): Argv[] {
  return [
    ['sc.exe', 'stop', WINDOWS_SERVICE_NAME],
    ['sc.exe', 'delete', WINDOWS_SERVICE_NAME],
  ];
}
