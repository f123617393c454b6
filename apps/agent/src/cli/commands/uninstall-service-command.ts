import type { Command } from 'commander';
import type { AgentPlatform } from '../../config/agent-platform.js';
import { applyServicePlan, describeServicePlan } from '../../service/apply-service-plan.js';
import { planServiceUninstall } from '../../service/plan-service.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { currentPlatform, isRelocated, pathsOf } from '../global-options.js';
import { platformOption } from './platform-option.js';

/** `ward-agent uninstall-service`: stops and removes the service (the enrollment stays). */
export function uninstallServiceCommand(program: Command, io: CliIo): void {
  program
    .command('uninstall-service')
    .description('Stop and remove the agent service. The enrollment and state stay; retire the device from Ward to remove those.')
    .addOption(platformOption())
    .option('--print', 'print the commands and files instead of applying them')
    .action(async (options: { platform?: AgentPlatform; print?: boolean }, command: Command) => {
      const paths = pathsOf(command);
      const platform = options.platform ?? currentPlatform();
      const plan = planServiceUninstall(platform, paths);
      if (options.print === true) {
        io.stdout.write(describeServicePlan(plan, platform === 'windows' ? 'windows' : 'posix'));
        return;
      }
      if (platform !== currentPlatform()) throw new CliExit(exitCodes.usage, [`ward-agent uninstall-service: this machine is not ${platform}; use --print to see what would be done there`]);
      // Keep going past a failing stop: removing a half-installed service must still remove what exists.
      const failures = await applyServicePlan(plan, { runCommands: !isRelocated(paths), stopOnFailure: false, report: (line) => void io.stderr.write(`${line}\n`) });
      if (failures.length > 0) throw new CliExit(exitCodes.failure, failures.map((f) => `ward-agent uninstall-service: failed: ${f}`));
      io.stdout.write('Service removed.\n');
    });
}
