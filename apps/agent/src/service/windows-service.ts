import { win32 } from 'node:path';
import type { Argv } from '../config/agent-config.js';
import type { AgentPaths } from '../config/agent-paths.js';
import { renderWindowsServiceHost } from './render-windows-service-host.js';
import type { ServiceProgram, ServiceStep } from './service-plan.js';
import { STOP_ON_STDIN_CLOSE_OPTION } from './stop-on-stdin-close.js';

/** The Windows service name. */
export const WINDOWS_SERVICE_NAME = 'WardAgent';

/** The service host's C# source, compiled at install time into {@link WINDOWS_SERVICE_HOST_EXE}. */
export const WINDOWS_SERVICE_HOST_SOURCE = 'WardAgentService.cs';
/** The compiled service host, the service's binary. */
export const WINDOWS_SERVICE_HOST_EXE = 'WardAgentService.exe';

// Well-known SIDs rather than account names: `SYSTEM` and `Administrators` are translated on
// localised Windows ("Administratoren"), and icacls fails on a name it cannot map.
const LOCAL_SYSTEM_SID = '*S-1-5-18';
const ADMINISTRATORS_SID = '*S-1-5-32-544';

/** Where the Windows service keeps what it needs, as Windows paths. */
export interface WindowsServiceLayout {
  /** The agent's root (`--root`), passed to `ward-agent run` so the service does not depend on the drive of its working directory. */
  readonly root: string;
  /** The agent's state dir: identity, keys, inbox and outbox. */
  readonly stateDir: string;
  /** The agent's configuration dir (`agent.json` names the commands the agent runs as SYSTEM). */
  readonly configDir: string;
  /**
   * `<root>\var\lib\ward-agent-service`: the host's source and executable, the agent's working
   * directory, and `logs\`. Apart from the state dir because `retire` deletes that while the host
   * runs, and Windows deletes neither a running executable, nor an open log, nor a process's
   * current directory.
   */
  readonly serviceDir: string;
}

/** The files of the service host inside {@link WindowsServiceLayout.serviceDir}. */
export function windowsServiceFiles(layout: WindowsServiceLayout): { source: string; exe: string; logFile: string } {
  return {
    source: win32.join(layout.serviceDir, WINDOWS_SERVICE_HOST_SOURCE),
    exe: win32.join(layout.serviceDir, WINDOWS_SERVICE_HOST_EXE),
    logFile: win32.join(layout.serviceDir, 'logs', 'ward-agent.log'),
  };
}

/** The Windows layout of an agent's paths (on Windows itself, the paths as they are). */
export function windowsServiceLayout(paths: AgentPaths): WindowsServiceLayout {
  return {
    root: win32.normalize(paths.root),
    stateDir: win32.normalize(paths.stateDir),
    configDir: win32.normalize(paths.configDir),
    serviceDir: win32.join(paths.root, 'var', 'lib', 'ward-agent-service'),
  };
}

/**
 * Where the .NET Framework 4 C# compiler of a Windows installed under `windir` may be, best first:
 * the 64-bit framework, then the 32-bit one (the only one on 32-bit Windows). Either builds the
 * same AnyCPU executable.
 */
export function windowsCompilerCandidates(windir: string): string[] {
  return ['Framework64', 'Framework'].map((framework) => win32.join(windir, 'Microsoft.NET', framework, 'v4.0.30319', 'csc.exe'));
}

/** The first of {@link windowsCompilerCandidates} that `exists`, or the first one when none does (the plan then fails at the compile step, naming it). */
export function findWindowsCompiler(windir: string, exists: (path: string) => boolean): string {
  const candidates = windowsCompilerCandidates(windir);
  return candidates.find(exists) ?? candidates[0] ?? '';
}

/** The host executable's path quoted for `sc.exe create binPath=`: always quoted, so a path with spaces is not the unquoted-service-path hole. */
export function windowsBinPath(exe: string): string {
  return `"${exe}"`;
}

/**
 * The `icacls` command lines that leave `dir` to SYSTEM and the Administrators alone: first the
 * owner (a folder someone else created beforehand would otherwise keep its owner's right to
 * rewrite the ACL), then the inherited entries removed and full control granted, inherited by
 * everything inside.
 */
export function restrictToAdministrators(dir: string): Argv[] {
  return [
    ['icacls', dir, '/setowner', ADMINISTRATORS_SID, '/T'],
    ['icacls', dir, '/inheritance:r', '/grant:r', `${LOCAL_SYSTEM_SID}:(OI)(CI)F`, `${ADMINISTRATORS_SID}:(OI)(CI)F`],
  ];
}

/** The arguments `node.exe` gets from the service host. */
export function windowsAgentArguments(program: ServiceProgram, layout: WindowsServiceLayout): string[] {
  return [program.agentPath, '--root', layout.root, 'run', STOP_ON_STDIN_CLOSE_OPTION];
}

/**
 * The steps that install the `WardAgent` service: the agent's folders created and restricted to
 * SYSTEM and the Administrators (the device key is in the state dir; the configuration names
 * commands the agent runs as SYSTEM; the host's executable runs as SYSTEM), the host's C# source
 * written and compiled with the .NET Framework's `csc.exe`, then `sc.exe` creates the service
 * with the compiled host as its binary, describes it, sets failure actions for a crash of the
 * host, gives it a service SID and starts it.
 *
 * `sc.exe create` comes before the compile: it fails when the service exists, which leaves a
 * running host's executable alone. `sc.exe` wants each `option=` and its value as separate
 * arguments. The source is written as UTF-8 without a byte order mark, which `csc.exe` would read
 * in the ANSI code page without `/codepage:65001` (and mangle a path such as `C:\Users\Jörg`).
 */
export function windowsInstallSteps(program: ServiceProgram, layout: WindowsServiceLayout): ServiceStep[] {
  const files = windowsServiceFiles(layout);
  const csc = program.cscPath ?? windowsCompilerCandidates('C:\\Windows')[0] ?? 'csc.exe';
  const host = renderWindowsServiceHost({
    serviceName: WINDOWS_SERVICE_NAME,
    nodePath: program.nodePath,
    nodeArguments: windowsAgentArguments(program, layout),
    workingDirectory: layout.serviceDir,
    logFile: files.logFile,
  });
  const dirs = [layout.stateDir, layout.configDir, layout.serviceDir];
  const run = (argv: Argv): ServiceStep => ({ kind: 'run', argv });
  return [
    ...dirs.map((path): ServiceStep => ({ kind: 'directory', path, mode: 0o700 })),
    ...dirs.flatMap(restrictToAdministrators).map(run),
    { kind: 'write', path: files.source, content: host, mode: 0o600 },
    run(['sc.exe', 'create', WINDOWS_SERVICE_NAME, 'binPath=', windowsBinPath(files.exe), 'start=', 'auto', 'DisplayName=', 'Ward Agent']),
    run([csc, '/nologo', '/noconfig', '/codepage:65001', '/target:winexe', '/platform:anycpu', '/optimize+', '/reference:System.dll', '/reference:System.ServiceProcess.dll', `/out:${files.exe}`, files.source]),
    run(['sc.exe', 'description', WINDOWS_SERVICE_NAME, 'Ward device agent: inventory, remote actions and compliance for Ward.']),
    run(['sc.exe', 'failure', WINDOWS_SERVICE_NAME, 'reset=', '86400', 'actions=', 'restart/10000/restart/10000/restart/60000']),
    run(['sc.exe', 'sidtype', WINDOWS_SERVICE_NAME, 'unrestricted']),
    run(['sc.exe', 'start', WINDOWS_SERVICE_NAME]),
  ];
}

/**
 * The steps that stop and delete the service and remove the host's source and executable.
 * `net stop` rather than `sc.exe stop`: it waits until the service has stopped (the host asks for
 * more time while the agent finishes), and the executable cannot be deleted before. The log, the
 * state and the configuration stay.
 */
export function windowsUninstallSteps(layout: WindowsServiceLayout): ServiceStep[] {
  const files = windowsServiceFiles(layout);
  return [
    { kind: 'run', argv: ['net.exe', 'stop', WINDOWS_SERVICE_NAME] },
    { kind: 'run', argv: ['sc.exe', 'delete', WINDOWS_SERVICE_NAME] },
    { kind: 'remove', path: files.exe },
    { kind: 'remove', path: files.source },
  ];
}
