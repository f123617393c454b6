import { describe, expect, it } from 'vitest';
import { NOT_ENROLLED_EXIT_CODE } from './render-systemd-unit.js';
import { csharpVerbatimString, renderWindowsServiceHost, windowsServiceHostLimits } from './render-windows-service-host.js';

const settings = {
  serviceName: 'WardAgent',
  nodePath: 'C:\\Program Files\\nodejs\\node.exe',
  nodeArguments: ['C:\\Program Files\\Ward "Agent"\\ward-agent.js', '--root', 'C:\\', 'run', '--stop-on-stdin-close'],
  workingDirectory: 'C:\\var\\lib\\ward-agent-service',
  logFile: 'C:\\var\\lib\\ward-agent-service\\logs\\ward-agent.log',
};
const source = renderWindowsServiceHost(settings);

describe('the Windows service host source', () => {
  it('is a ServiceBase run by ServiceBase.Run, stoppable and told of shutdowns', () => {
    expect(source).toContain('internal sealed class WardAgentService : ServiceBase\n');
    expect(source).toContain('ServiceBase.Run(new WardAgentService());');
    expect(source).toContain('private const string Name = @"WardAgent";');
    expect(source).toMatch(/CanStop = true;\s+CanShutdown = true;/);
    expect(source).toContain('protected override void OnStart(string[] args)');
    expect(source).toContain('protected override void OnStop()');
    expect(source).toContain('protected override void OnShutdown()');
  });

  it('holds the paths as C# verbatim strings, quotes doubled, and the arguments as one Windows command line', () => {
    expect(csharpVerbatimString('C:\\a "b"\\')).toBe('@"C:\\a ""b""\\"');
    expect(source).toContain('private const string NodePath = @"C:\\Program Files\\nodejs\\node.exe";');
    // The C runtime's quoting ("…\"Agent\"…"), then each quote doubled for the verbatim string.
    expect(source).toContain('private const string NodeArguments = @"""C:\\Program Files\\Ward \\""Agent\\""\\ward-agent.js"" --root C:\\ run --stop-on-stdin-close";');
    expect(source).toContain('private const string WorkingDirectory = @"C:\\var\\lib\\ward-agent-service";');
    expect(source).toContain('private const string LogFile = @"C:\\var\\lib\\ward-agent-service\\logs\\ward-agent.log";');
    // Nothing else in the source comes from the settings: each path appears once.
    expect(source.split('C:\\Program Files\\nodejs\\node.exe')).toHaveLength(2);
  });

  it('stops the agent by closing its standard input, asks for more time while waiting, then kills it', () => {
    expect(source).toContain('process.StartInfo.RedirectStandardInput = true;');
    expect(source).toContain('running.StandardInput.Close();');
    expect(source).toContain('RequestAdditionalTime(StopPollMilliseconds * 2);');
    expect(source).toContain(`private const int StopTimeoutMilliseconds = ${windowsServiceHostLimits.stopTimeoutSeconds * 1000};`);
    expect(source).toContain('running.Kill();');
  });

  it('stops the service rather than restarting an agent that is not enrolled or retired', () => {
    expect(source).toContain(`private const int NotEnrolledExitCode = ${NOT_ENROLLED_EXIT_CODE};`);
    expect(source).toMatch(/if \(started && exitCode == NotEnrolledExitCode\)\s+\{\s+StopService\("the agent exited with code " \+ exitCode \+ ": this device is not enrolled\./);
    expect(source).toMatch(/if \(started && exitCode == 0\)\s+\{\s+StopService\(/);
    expect(source).toContain('EventLog.WriteEntry(message, EventLogEntryType.Error);');
    expect(source).toContain('controller.Stop();');
  });

  it('restarts other exits with a doubling delay and logs to a size-rotated file', () => {
    expect(source).toContain('delay = Math.Min(delay * 2, RestartDelayMaxMilliseconds);');
    expect(source).toContain(`private const long LogMaxBytes = ${windowsServiceHostLimits.logMaxBytes};`);
    expect(source).toContain(`private const int LogFilesKept = ${windowsServiceHostLimits.logFilesKept};`);
    const custom = renderWindowsServiceHost({ ...settings, limits: { logMaxBytes: 4096, stopTimeoutSeconds: 3 } });
    expect(custom).toContain('private const long LogMaxBytes = 4096;');
    expect(custom).toContain('private const int StopTimeoutMilliseconds = 3000;');
    expect(() => renderWindowsServiceHost({ ...settings, limits: { logFilesKept: 0 } })).toThrow(RangeError);
    expect(() => renderWindowsServiceHost({ ...settings, limits: { stopTimeoutSeconds: 1.5 } })).toThrow(RangeError);
  });

  it('uses no C# newer than 5, which is all the .NET Framework compiler in Windows takes', () => {
    expect(source).not.toMatch(/\$"|\?\.|nameof\(|=>/);
  });
});
