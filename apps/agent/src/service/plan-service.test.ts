import { describe, expect, it } from 'vitest';
import { agentPaths } from '../config/agent-paths.js';
import { describeServicePlan, formatArgv } from './apply-service-plan.js';
import { planServiceInstall, planServiceUninstall } from './plan-service.js';
import { renderLaunchdPlist } from './render-launchd-plist.js';
import { renderSystemdUnit } from './render-systemd-unit.js';
import type { ServiceStep } from './service-plan.js';
import { ServiceProgramError, serviceProgramProblems } from './service-program-error.js';
import { findWindowsCompiler, windowsCompilerCandidates, windowsInstallSteps, windowsServiceLayout, windowsUninstallSteps, type WindowsServiceLayout } from './windows-service.js';

const unixProgram = { nodePath: '/usr/local/bin/node', agentPath: '/opt/ward agent/bin/ward-agent.js' };
const windowsProgram = {
  nodePath: 'C:\\Program Files\\nodejs\\node.exe',
  agentPath: 'C:\\Program Files\\Ward\\bin\\ward-agent.js',
  cscPath: 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe',
};
// A root with a space, as `--root` may give: every path below has to survive quoting.
const windowsLayout: WindowsServiceLayout = {
  root: 'D:\\Ward Root\\',
  stateDir: 'D:\\Ward Root\\var\\lib\\ward-agent',
  configDir: 'D:\\Ward Root\\etc\\ward-agent',
  serviceDir: 'D:\\Ward Root\\var\\lib\\ward-agent-service',
};

function outline(steps: readonly ServiceStep[]): string[] {
  return steps.map((s) => (s.kind === 'run' ? s.argv.join(' ') : `${s.kind} ${s.path}`));
}

describe('service files', () => {
  it('renders the systemd unit, quoting paths as systemd reads them', () => {
    const unit = renderSystemdUnit({ nodePath: '/usr/bin/node', agentPath: '/opt/100%/a"b/ward-agent.js' });
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/100%%/a\\"b/ward-agent.js" run\n');
    expect(unit).toContain('Restart=on-failure\n');
    expect(unit).toContain('RestartPreventExitStatus=3\n');
    expect(unit).toContain('After=network-online.target\n');
    expect(unit).toContain('WantedBy=multi-user.target\n');
    expect(unit).toMatch(/^\[Unit\]\n/);
  });

  it('renders the launchd plist with escaped program arguments', () => {
    const plist = renderLaunchdPlist({ nodePath: '/usr/local/bin/node', agentPath: '/Applications/R&D <Ward>/ward-agent.js' });
    expect(plist).toContain('<string>org.ward.agent</string>');
    expect(plist).toContain('    <string>/usr/local/bin/node</string>\n    <string>/Applications/R&amp;D &lt;Ward&gt;/ward-agent.js</string>\n    <string>run</string>\n');
    expect(plist).toContain('<key>RunAtLoad</key>\n  <true/>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>');
    expect(plist.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist')).toBe(true);
  });
});

describe('service plans', () => {
  it('Linux: writes the unit under the root, then reloads and enables it', () => {
    const plan = planServiceInstall('linux', agentPaths('/tmp/r'), unixProgram);
    expect(outline(plan.steps)).toEqual(['write /tmp/r/etc/systemd/system/ward-agent.service', 'systemctl daemon-reload', 'systemctl enable --now ward-agent']);
    expect(outline(planServiceUninstall('linux', agentPaths('/')).steps)).toEqual([
      'systemctl disable --now ward-agent',
      'remove /etc/systemd/system/ward-agent.service',
      'systemctl daemon-reload',
    ]);
  });

  it('macOS: writes the plist to /Library/LaunchDaemons and bootstraps it', () => {
    const plan = planServiceInstall('macos', agentPaths('/'), unixProgram);
    expect(plan.steps[0]).toMatchObject({ kind: 'write', path: '/Library/LaunchDaemons/org.ward.agent.plist', mode: 0o644 });
    expect(plan.steps[1]).toEqual({ kind: 'run', argv: ['launchctl', 'bootstrap', 'system', '/Library/LaunchDaemons/org.ward.agent.plist'] });
    expect(planServiceUninstall('macos', agentPaths('/')).steps[0]).toEqual({ kind: 'run', argv: ['launchctl', 'bootout', 'system/org.ward.agent'] });
  });

  it('describes files with their content and mode', () => {
    const text = describeServicePlan(planServiceInstall('linux', agentPaths('/'), unixProgram));
    expect(text).toContain('# write /etc/systemd/system/ward-agent.service (mode 0644)\n[Unit]\n');
    expect(text).toContain(`ExecStart="/usr/local/bin/node" "/opt/ward agent/bin/ward-agent.js" run`);
    expect(text).toContain('# run\nsystemctl enable --now ward-agent\n');
  });

  it('refuses relative paths and control characters, which would name other files or inject unit lines', () => {
    expect(() => planServiceInstall('linux', agentPaths('/'), { nodePath: 'node', agentPath: '/opt/ward/bin/ward-agent.js' })).toThrow(ServiceProgramError);
    expect(serviceProgramProblems('linux', { nodePath: 'node', agentPath: '/opt/x.js\nExecStartPre=/bin/evil' })).toEqual([
      '--node must be an absolute path, not "node"',
      '--agent must not contain control characters: "/opt/x.js\\nExecStartPre=/bin/evil"',
    ]);
    expect(serviceProgramProblems('windows', { nodePath: 'C:\\node.exe', agentPath: 'ward-agent.js', cscPath: 'C:\\a"b\\csc.exe' })).toEqual([
      '--agent must be an absolute path, not "ward-agent.js"',
      'the C# compiler path must not contain a double quote: "C:\\\\a\\"b\\\\csc.exe"',
    ]);
    expect(serviceProgramProblems('windows', windowsProgram)).toEqual([]);
    expect(serviceProgramProblems('macos', unixProgram)).toEqual([]);
  });
});

describe('Windows service plan', () => {
  const steps = windowsInstallSteps(windowsProgram, windowsLayout);
  const runs = steps.flatMap((s) => (s.kind === 'run' ? [s.argv] : []));

  it('creates and locks down the folders, writes and compiles the host, then creates and starts the service', () => {
    expect(outline(steps).map((line) => line.split(' ')[0] === 'icacls' ? 'icacls' : line)).toEqual([
      'directory D:\\Ward Root\\var\\lib\\ward-agent',
      'directory D:\\Ward Root\\etc\\ward-agent',
      'directory D:\\Ward Root\\var\\lib\\ward-agent-service',
      'icacls', 'icacls', 'icacls', 'icacls', 'icacls', 'icacls',
      'write D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.cs',
      'sc.exe create WardAgent binPath= "D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe" start= auto DisplayName= Ward Agent',
      `${windowsProgram.cscPath} /nologo /noconfig /codepage:65001 /target:winexe /platform:anycpu /optimize+ /reference:System.dll /reference:System.ServiceProcess.dll /out:D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.cs`,
      'sc.exe description WardAgent Ward device agent: inventory, remote actions and compliance for Ward.',
      'sc.exe failure WardAgent reset= 86400 actions= restart/10000/restart/10000/restart/60000',
      'sc.exe sidtype WardAgent unrestricted',
      'sc.exe start WardAgent',
    ]);
  });

  it('restricts the state, configuration and service folders to SYSTEM and the Administrators, by SID', () => {
    expect(runs.filter((argv) => argv[0] === 'icacls')).toEqual(
      [windowsLayout.stateDir, windowsLayout.configDir, windowsLayout.serviceDir].flatMap((dir) => [
        ['icacls', dir, '/setowner', '*S-1-5-32-544', '/T'],
        ['icacls', dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F'],
      ]),
    );
  });

  it('gives sc.exe the quoted host executable as one binPath argument', () => {
    const create = runs.find((argv) => argv[1] === 'create');
    expect(create).toEqual(['sc.exe', 'create', 'WardAgent', 'binPath=', '"D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe"', 'start=', 'auto', 'DisplayName=', 'Ward Agent']);
    // As cmd.exe and the C runtime read it back: the inner quotes survive, escaped.
    expect(formatArgv(create!, 'windows')).toBe('sc.exe create WardAgent binPath= "\\"D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe\\"" start= auto DisplayName= "Ward Agent"');
  });

  it('writes a host that runs node.exe with the agent, its root and the stdin stop option', () => {
    const source = steps.find((s) => s.kind === 'write');
    expect(source).toMatchObject({ kind: 'write', mode: 0o600 });
    const content = source?.kind === 'write' ? source.content : '';
    expect(content).toContain('private const string NodePath = @"C:\\Program Files\\nodejs\\node.exe";');
    expect(content).toContain('private const string NodeArguments = @"""C:\\Program Files\\Ward\\bin\\ward-agent.js"" --root ""D:\\Ward Root\\\\"" run --stop-on-stdin-close";');
    expect(content).toContain('private const string WorkingDirectory = @"D:\\Ward Root\\var\\lib\\ward-agent-service";');
    expect(content).toContain('private const string LogFile = @"D:\\Ward Root\\var\\lib\\ward-agent-service\\logs\\ward-agent.log";');
  });

  it('prints the plan for cmd.exe', () => {
    const text = describeServicePlan({ steps }, 'windows');
    expect(text).toContain('# create folder D:\\Ward Root\\var\\lib\\ward-agent (mode 0700)\n');
    expect(text).toContain('# run\nicacls "D:\\Ward Root\\var\\lib\\ward-agent" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F\n');
    expect(text).toContain('"/out:D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe"');
    expect(text).toContain('# write D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.cs (mode 0600)\n// The Ward Agent service host');
  });

  it('uninstalls by stopping (waiting), deleting the service and removing the host, keeping logs and state', () => {
    expect(outline(windowsUninstallSteps(windowsLayout))).toEqual([
      'net.exe stop WardAgent',
      'sc.exe delete WardAgent',
      'remove D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.exe',
      'remove D:\\Ward Root\\var\\lib\\ward-agent-service\\WardAgentService.cs',
    ]);
  });

  it('lays the service folder beside the state dir, under the agent root', () => {
    const layout = windowsServiceLayout(agentPaths('/'));
    expect(layout).toEqual({ root: '\\', stateDir: '\\var\\lib\\ward-agent', configDir: '\\etc\\ward-agent', serviceDir: '\\var\\lib\\ward-agent-service' });
    expect(describeServicePlan(planServiceUninstall('windows', agentPaths('/')), 'windows')).toContain('# remove \\var\\lib\\ward-agent-service\\WardAgentService.exe\n');
  });

  it('prefers the 64-bit .NET Framework compiler and falls back to the 32-bit one', () => {
    const [framework64, framework] = windowsCompilerCandidates('C:\\Windows');
    expect(framework64).toBe('C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe');
    expect(framework).toBe('C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\csc.exe');
    expect(findWindowsCompiler('C:\\Windows', () => true)).toBe(framework64);
    expect(findWindowsCompiler('C:\\Windows', (path) => path === framework)).toBe(framework);
    // Neither: the plan names the preferred one, and its compile step fails saying so.
    expect(findWindowsCompiler('C:\\Windows', () => false)).toBe(framework64);
  });
});
