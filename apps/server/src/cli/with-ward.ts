import { hostname, userInfo } from 'node:os';
import type { Logger } from 'pino';
import { systemPrincipal, type Principal } from '@ward/core';
import type { WardConfig } from '../config/config-schema.js';
import { createLogger } from '../logging/create-logger.js';
import type { WardRuntime } from '../runtime/open-ward.js';
import { wardVersion } from '../version.js';
import type { CliIo } from '@ward/cli-kit';

/** What a command that works on Ward's data is given. */
export interface CommandContext {
  readonly runtime: WardRuntime;
  readonly logger: Logger;
  /**
   * The operator at the CLI: the `system` actor `cli` with the global admin grant. Whoever can run
   * `ward` on the host can read the database anyway; the core still audits every change it makes.
   */
  readonly principal: Principal;
}

/** `user@host` of the operator running the CLI, as the operating system knows them. */
function operatorOf(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the uid still identifies the account.
    user = `uid ${process.getuid?.() ?? '?'}`;
  }
  return `${user}@${hostname()}`;
}

/** A logger for a CLI command: the configured level and format, on standard error. */
export function commandLogger(config: WardConfig, io: CliIo, component: 'cli' | 'server' = 'cli'): Logger {
  return createLogger({ level: config.logLevel, format: config.logFormat, destination: io.stderr, base: { component } });
}

/**
 * Opens Ward (migrating the schema first, with a line per migration), runs `work`, and closes
 * the database whatever happens.
 */
export async function withWard<T>(io: CliIo, config: WardConfig, work: (context: CommandContext) => Promise<T>): Promise<T> {
  const logger = commandLogger(config, io);
  // The storage, crypto and PKI modules load only for commands that open Ward, keeping `--help` fast.
  const { openWard } = await import('../runtime/open-ward.js');
  const runtime = await openWard(config, {
    logger,
    onMigration: (progress) => {
      if (progress.phase === 'done') io.stderr.write(`Applied database migration ${progress.migration}\n`);
    },
  });
  try {
    // The audit trail records which operator account on which host ran the command.
    const principal = systemPrincipal(runtime.tenant.id, 'cli', { userAgent: `ward/${wardVersion} (${operatorOf()})` });
    return await work({ runtime, logger, principal });
  } finally {
    await runtime.close();
  }
}
