import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { AgentPlatform } from '../../config/agent-platform.js';
import { applyServicePlan, describeServicePlan } from '../../service/apply-service-plan.js';
import { planServiceInstall } from '../../service/plan-service.js';
import type { ServiceProgram } from '../../service/service-plan.js';
import { ServiceProgramError } from '../../service/service-program-error.js';
import { findWindowsCompiler } from '../../service/windows-service.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { currentPlatform, isRelocated, pathsOf } from '../global-options.js';
import { platformOption } from './platform-option.js';
import { serviceProgram } from './service-program.js';

interface ServiceOptions {
  platform?: AgentPlatform;
  print?: boolean;
  node?: string;
  agent?: string;
}

/** `ward-agent install-service`: installs the agent as a system service that starts at boot. */
export function installServiceCommand(program: Command, io: CliIo): void {
  program
    .command('install-service')
    .description('Install the agent as a service started at boot: a systemd unit (Linux), a launchd daemon (macOS) or a Windows service (a small host compiled with the .NET Framework\'s csc.exe runs the agent). With --root, only the files are written under the root.')
    .addOption(platformOption())
    .option('--print', 'print the files and commands instead of applying them')
    .option('--node <path>', 'the Node.js executable the service runs (default: this one)')
    .option('--agent <path>', 'the ward-agent launcher the service runs (default: this one)')
    .action(async (options: ServiceOptions, command: Command) => {
      const paths = pathsOf(command);
      const platform = options.platform ?? currentPlatform();
      let plan;
      try {
        plan = planServiceInstall(platform, paths, windowsProgram(platform, serviceProgram(options), io.env));
      } catch (error) {
        if (error instanceof ServiceProgramError) throw new CliExit(exitCodes.usage, error.problems.map((p) => `ward-agent install-service: ${p}`), { cause: error });
        throw error;
      }
      if (options.print === true) {
        io.stdout.write(describeServicePlan(plan, platform === 'windows' ? 'windows' : 'posix'));
        return;
      }
      if (platform !== currentPlatform()) throw new CliExit(exitCodes.usage, [`ward-agent install-service: this machine is not ${platform}; use --print to see what would be installed there`]);
      const failures = await applyServicePlan(plan, { runCommands: !isRelocated(paths), stopOnFailure: true, report: (line) => void io.stderr.write(`${line}\n`) });
      if (failures.length > 0) {
        const lines = failures.map((f) => `ward-agent install-service: failed: ${f}`);
        if (platform === 'windows') lines.push('ward-agent install-service: to start over, run ward-agent uninstall-service, then install-service again');
        throw new CliExit(exitCodes.failure, lines);
      }
      io.stdout.write(`Service installed${isRelocated(paths) ? ` under ${paths.root} (not started: --root)` : ' and started'}.\n`);
    });
}

/** On Windows, the program with the C# compiler that builds the service host: the 64-bit .NET Framework's, else the 32-bit one's. */
function windowsProgram(platform: AgentPlatform, program: ServiceProgram, env: Readonly<Record<string, string | undefined>>): ServiceProgram {
  if (platform !== 'windows') return program;
  const windir = env.SystemRoot ?? env.WINDIR ?? 'C:\\Windows';
  return { ...program, cscPath: findWindowsCompiler(windir, existsSync) };
}
