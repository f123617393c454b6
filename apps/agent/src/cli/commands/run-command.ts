import type { Command } from 'commander';
import { AgentConfigError, loadAgentConfig } from '../../config/agent-config.js';
import { AppManager } from '../../apps/app-manager.js';
import { hostAppTools } from '../../apps/app-tools.js';
import { HttpsPackageFetcher } from '../../apps/https-package-fetcher.js';
import { ConfigurationManager } from '../../configuration/configuration-manager.js';
import { IdentityStore } from '../../identity/identity-store.js';
import { inventoryCollector } from '../../inventory/inventory-collector.js';
import { createLogger } from '../../logging/logger.js';
import { AgentService } from '../../runtime/agent-service.js';
import { hostToolRunner } from '../../runtime/host-tool-runner.js';
import { STOP_ON_STDIN_CLOSE_OPTION, stopOnStdinClose } from '../../service/stop-on-stdin-close.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { describeError } from '../describe-error.js';
import { currentPlatform, pathsOf } from '../global-options.js';

/** `ward-agent run`: the service loop in the foreground, until SIGTERM or SIGINT (or, with `--stop-on-stdin-close`, the end of standard input). */
export function runCommand(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('Run the agent in the foreground (what the service runs): check in, keep the push connection, run commands. Stops cleanly on SIGTERM or SIGINT.')
    .option(STOP_ON_STDIN_CLOSE_OPTION, 'also stop cleanly when standard input closes (how the Windows service host, which cannot send signals, stops the agent)')
    .action(async (options: { stopOnStdinClose?: boolean }, command: Command) => {
      const paths = pathsOf(command);
      const platform = currentPlatform();
      let config;
      try {
        config = await loadAgentConfig(paths.configFile, platform);
      } catch (error) {
        if (error instanceof AgentConfigError) throw new CliExit(exitCodes.usage, error.problems.map((p) => `${paths.configFile}: ${p}`), { cause: error });
        throw error;
      }
      const log = createLogger(io.stderr, config.logLevel);
      let identity;
      try {
        identity = await new IdentityStore(paths).load();
      } catch (error) {
        throw new CliExit(exitCodes.failure, [`ward-agent run: ${describeError(error)}`], { cause: error });
      }
      if (identity === undefined) throw new CliExit(exitCodes.notEnrolled, [`ward-agent run: not enrolled (no ${paths.enrollmentFile}); run ward-agent enroll first`]);
      // One runner for both: the host's tools on the host root, none under a temporary root.
      const run = hostToolRunner(paths.root);
      const collectInventory = inventoryCollector(paths.root, platform, run);
      const configuration = await ConfigurationManager.open({ root: paths.root, stateDir: paths.stateDir, platform, run, log });
      // Downloads read the identity at each request: a renewal replaces the certificate meanwhile.
      const identityStore = new IdentityStore(paths);
      const fetcher = new HttpsPackageFetcher(async () => {
        const current = (await identityStore.load()) ?? identity;
        return { serverUrl: current.serverUrl, trust: { ca: current.rootCertificatePem }, credentials: { key: current.privateKeyPem, cert: current.certificateChainPem } };
      });
      const apps = await AppManager.open({ root: paths.root, stateDir: paths.stateDir, platform, tools: hostAppTools(), fetcher, log });
      const service = new AgentService({ paths, config, platform, identity, collectInventory, configuration, apps, log });
      const onSignal = (signal: NodeJS.Signals): void => {
        log.info(`${signal} received; stopping`);
        void service.stop();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      const unwatchStdin = options.stopOnStdinClose === true
        ? stopOnStdinClose(process.stdin, (reason) => {
          log.info(`${reason}; stopping`);
          void service.stop();
        })
        : undefined;
      try {
        const end = await service.run();
        log.info(end === 'retired' ? 'stopped after retire' : 'stopped');
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        unwatchStdin?.();
      }
    });
}
