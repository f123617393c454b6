import { describe, expect, it } from 'vitest';
import { describeServicePlan, formatArgv } from './apply-service-plan.js';
import { planServiceInstall, planServiceUninstall } from './plan-service.js';
import { renderLaunchdPlist } from './render-launchd-plist.js';
import { renderSystemdUnit } from './render-systemd-unit.js';
import { windowsInstallCommands } from './windows-service.js';

const unixProgram = { nodePath: '/usr/local/bin/node', agentPath: '/opt/ward agent/bin/ward-agent.js' };
const windowsProgram = { nodePath: 'C:\\Program Files\\nodejs\\node.exe', agentPath: 'C:\\Program Files\\Ward\\bin\\ward-agent.js' };

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

  it('builds the sc.exe command lines with binPath as one argument', () => {
    const [create] = windowsInstallCommands(windowsProgram);
    expect(create).toEqual(['sc.exe', 'create', 'WardAgent', 'binPath=', '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\Ward\\bin\\ward-agent.js" run', 'start=', 'auto', 'DisplayName=', 'Ward Agent']);
    expect(formatArgv(create!, 'windows')).toBe('sc.exe create WardAgent binPath= "\\"C:\\Program Files\\nodejs\\node.exe\\" \\"C:\\Program Files\\Ward\\bin\\ward-agent.js\\" run" start= auto DisplayName= "Ward Agent"');
  });
});

describe('service plans', () => {
  it('Linux: writes the unit under the root, then reloads and enables it', () => {
    const plan = planServiceInstall('linux', '/tmp/r', unixProgram);
    expect(plan.steps.map((s) => (s.kind === 'run' ? s.argv.join(' ') : `${s.kind} ${s.path}`))).toEqual([
      'write /tmp/r/etc/systemd/system/ward-agent.service',
      'systemctl daemon-reload',
      'systemctl enable --now ward-agent',
    ]);
    expect(planServiceUninstall('linux', '/').steps.map((s) => (s.kind === 'run' ? s.argv.join(' ') : `${s.kind} ${s.path}`))).toEqual([
      'systemctl disable --now ward-agent',
      'remove /etc/systemd/system/ward-agent.service',
      'systemctl daemon-reload',
    ]);
  });

  it('macOS: writes the plist to /Library/LaunchDaemons and bootstraps it', () => {
    const plan = planServiceInstall('macos', '/', unixProgram);
    expect(plan.steps[0]).toMatchObject({ kind: 'write', path: '/Library/LaunchDaemons/org.ward.agent.plist', mode: 0o644 });
    expect(plan.steps[1]).toEqual({ kind: 'run', argv: ['launchctl', 'bootstrap', 'system', '/Library/LaunchDaemons/org.ward.agent.plist'] });
    expect(planServiceUninstall('macos', '/').steps[0]).toEqual({ kind: 'run', argv: ['launchctl', 'bootout', 'system/org.ward.agent'] });
  });

  it('Windows: only sc.exe commands, printed for cmd.exe', () => {
    const text = describeServicePlan(planServiceInstall('windows', '/', windowsProgram), 'windows');
    expect(text).toContain('sc.exe create WardAgent binPath= ');
    expect(text).toContain('start= auto');
    expect(text).toContain('sc.exe start WardAgent');
    expect(describeServicePlan(planServiceUninstall('windows', '/'), 'windows')).toBe('# run\nsc.exe stop WardAgent\n\n# run\nsc.exe delete WardAgent\n');
  });

  it('describes files with their content and mode', () => {
    const text = describeServicePlan(planServiceInstall('linux', '/', unixProgram));
    expect(text).toContain('# write /etc/systemd/system/ward-agent.service (mode 0644)\n[Unit]\n');
    expect(text).toContain(`ExecStart="/usr/local/bin/node" "/opt/ward agent/bin/ward-agent.js" run`);
    expect(text).toContain('# run\nsystemctl enable --now ward-agent\n');
  });
});
