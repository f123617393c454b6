import type { Command } from 'commander';
import { CommandInbox } from '../../commands/command-inbox.js';
import { ResultOutbox } from '../../commands/result-outbox.js';
import { isRecord } from '../../storage/is-record.js';
import { readJsonFile } from '../../storage/read-json-file.js';
import { AgentStateStore } from '../../runtime/agent-state-store.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { pathsOf } from '../global-options.js';

/** `ward-agent status`: enrolled or not, device id, server, last check-in, pending results. */
export function statusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('Show whether this machine is enrolled, its device id and server, the last check-in, and results waiting to be delivered. Exit status 3 when not enrolled.')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      const paths = pathsOf(command);
      // Read-only on purpose: status must not repair or migrate anything a running service owns.
      const record = await readJsonFile(paths.enrollmentFile).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') throw new CliExit(exitCodes.failure, [`ward-agent status: cannot read ${paths.stateDir}: permission denied (the agent's state is readable by root only)`]);
        return undefined;
      });
      const enrollment = isRecord(record) ? record : undefined;
      const state = await new AgentStateStore(paths.stateFile).get();
      const status = {
        enrolled: enrollment !== undefined,
        deviceId: typeof enrollment?.deviceId === 'string' ? enrollment.deviceId : null,
        server: typeof enrollment?.serverUrl === 'string' ? enrollment.serverUrl : null,
        enrolledAt: typeof enrollment?.enrolledAt === 'string' ? enrollment.enrolledAt : null,
        lastCheckInAt: state.lastCheckInAt ?? null,
        lastError: state.lastError ?? null,
        checkInIntervalSeconds: state.checkInIntervalSeconds,
        pendingResults: enrollment === undefined ? 0 : await new ResultOutbox(paths.outboxDir).count(),
        queuedCommands: enrollment === undefined ? 0 : (await new CommandInbox(paths.inboxDir).list()).length,
        retiring: state.retiring,
        stateDir: paths.stateDir,
      };
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      } else if (!status.enrolled) {
        io.stdout.write(`Enrolled:        no (${paths.stateDir})\n`);
      } else {
        io.stdout.write(
          [
            `Enrolled:        yes${status.retiring ? ' (retiring)' : ''}`,
            `Device id:       ${status.deviceId ?? '?'}`,
            `Server:          ${status.server ?? '?'}`,
            `Enrolled at:     ${status.enrolledAt ?? '?'}`,
            `Last check-in:   ${status.lastCheckInAt ?? 'never'}`,
            ...(status.lastError === null ? [] : [`Last error:      ${status.lastError}`]),
            `Interval:        ${status.checkInIntervalSeconds} s`,
            `Pending results: ${status.pendingResults}`,
            `Queued commands: ${status.queuedCommands}`,
            '',
          ].join('\n'),
        );
      }
      if (!status.enrolled) throw new CliExit(exitCodes.notEnrolled, []);
    });
}
