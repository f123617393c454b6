import type { Command } from 'commander';
import type { Logger } from 'pino';
import { ConfigurationProblem } from '../../runtime/configuration-problem.js';
import type { RunningServer } from '../../runtime/start-server.js';
import { wardVersion } from '../../version.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, configFromFlags, flaggedConfigKeys } from '../command-config.js';
import { describeError } from '../describe-error.js';
import { commandLogger } from '../with-ward.js';

/** What `ward serve` prints on standard output once it listens: for the person who started it. */
export function serveBanner(server: RunningServer): string {
  const { tls, runtime, firstAdmin } = server;
  const lines = [
    `Ward ${wardVersion} is listening on ${server.url}`,
    `  TLS certificate:  SHA-256 ${tls.fingerprint}`,
    `                    ${tls.source === 'files' ? `from ${tls.certPath}` : `issued by Ward's CA for ${tls.names.join(', ')}`}, valid until ${tls.notAfter.toISOString()}`,
    `  Trust anchor:     ${server.caCertificatePath}`,
    `  Root CA:          SHA-256 ${server.keys.caFingerprint} (agents pin it when they enroll)`,
    `  Database:         ${runtime.target.description}`,
  ];
  if (runtime.config.publicUrl !== undefined) lines.push(`  Public URL:       ${runtime.config.publicUrl}`);
  // With --port 0 the CLI cannot work out the port from the configuration: the line names it.
  const urlFlag = runtime.config.port === 0 && runtime.config.publicUrl === undefined ? ` --public-url ${server.agentUrl}` : '';
  lines.push(`  Enroll a device:  ward enrollment-token create --name NAME${urlFlag}   (docs/enroll-a-device.md)`);
  if (firstAdmin !== undefined) {
    lines.push(
      '',
      `First start: created the global admin ${firstAdmin.email}.`,
      `  One-time password: ${firstAdmin.password}`,
      '  It is shown only this once and is not logged. Sign in and change it.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Waits for SIGINT or SIGTERM, then closes the server; a second signal or the timeout forces exit. */
function stopOnSignal(server: RunningServer, logger: Logger, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: no new connections; finishing requests and jobs');
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out; exiting');
        process.exit(exitCodes.failure);
      }, timeoutMs);
      timer.unref();
      server.close().then(
        () => {
          clearTimeout(timer);
          logger.info('stopped');
          resolve(exitCodes.ok);
        },
        (error: unknown) => {
          clearTimeout(timer);
          logger.error({ err: error }, 'shutdown failed');
          resolve(exitCodes.failure);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

/** `ward serve`: the server. */
export function serveCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('serve')
    .description('Start the Ward server: HTTPS admin API, event bus and job runner. Migrates the database first.');
  addConfigFlags(command, flaggedConfigKeys);
  return command.action(async (options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const logger = commandLogger(config, io, 'server');
    let server: RunningServer;
    try {
      const { startServer } = await import('../../runtime/start-server.js');
      server = await startServer(config, logger);
    } catch (error) {
      if (error instanceof ConfigurationProblem) throw new CliExit(exitCodes.usage, [...error.lines, '(docs/configuration.md describes every option)']);
      logger.fatal({ err: error }, 'could not start');
      throw new CliExit(exitCodes.failure, [`Ward could not start: ${describeError(error)}`], { cause: error });
    }
    io.stdout.write(serveBanner(server));
    const code = await stopOnSignal(server, logger, config.shutdownTimeoutMs);
    // Something (a client socket, a pool) may still hold the loop open; never hang after a clean stop.
    setTimeout(() => process.exit(code), 2000).unref();
    if (code !== exitCodes.ok) throw new CliExit(code, ['Ward did not stop cleanly; see the log.']);
  });
}
