import { readFile } from 'node:fs/promises';
import { execFileRun } from '@ward/inventory';
import { Option, type Command } from 'commander';
import { enrollDevice } from '../../enrollment/enroll-device.js';
import { normalizeServerUrl } from '../../enrollment/normalize-server-url.js';
import { IdentityStore } from '../../identity/identity-store.js';
import { readHardwareId } from '../../identity/read-hardware-id.js';
import { inventoryCollector } from '../../inventory/inventory-collector.js';
import { chooseFirstContactTrust } from '../../trust/choose-first-contact-trust.js';
import { normalizeFingerprint } from '../../trust/normalize-fingerprint.js';
import { probeServerChain } from '../../trust/probe-server-chain.js';
import type { ServerTrust } from '../../trust/server-trust.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { describeError } from '../describe-error.js';
import { currentPlatform, pathsOf } from '../global-options.js';

interface EnrollOptions {
  server: string;
  token: string;
  caFingerprint?: string;
  caFile?: string;
  insecureFirstContact?: boolean;
  name?: string;
  force?: boolean;
}

/** `ward-agent enroll`: enrolls this machine with an enrollment token. */
export function enrollCommand(program: Command, io: CliIo): void {
  program
    .command('enroll')
    .description("Enroll this machine with a Ward server. Before enrollment the agent does not know Ward's root certificate, so say how to trust the server: --ca-fingerprint (printed by the server at start), --ca-file, or --insecure-first-contact.")
    .requiredOption('--server <url>', 'the server URL, https://host[:port]')
    .requiredOption('--token <token>', 'an enrollment token from the admin console or `ward token create`')
    .addOption(new Option('--ca-fingerprint <sha256>', "SHA-256 fingerprint of the server's root or TLS certificate (AB:CD:…)").conflicts(['caFile', 'insecureFirstContact']))
    .addOption(new Option('--ca-file <file>', "PEM file with Ward's root certificate").conflicts(['insecureFirstContact']))
    .option('--insecure-first-contact', 'trust whatever root the server presents this once (trust on first use); prints its fingerprint to check')
    .option('--name <name>', 'the device name shown to admins (default: the host name)')
    .option('--force', 'enroll again, replacing the current identity (stop the service first)')
    .action(async (options: EnrollOptions, command: Command) => {
      const paths = pathsOf(command);
      const platform = currentPlatform();
      const serverUrl = normalizeServerUrl(options.server);
      if (serverUrl === undefined) throw new CliExit(exitCodes.usage, [`ward-agent enroll: --server must be an https:// URL without query or credentials, got "${options.server}"`]);
      if (options.caFingerprint === undefined && options.caFile === undefined && options.insecureFirstContact !== true) {
        throw new CliExit(exitCodes.usage, ['ward-agent enroll: say how to trust the server: --ca-fingerprint <sha256> (the server prints it at start), --ca-file <root.pem>, or --insecure-first-contact']);
      }
      if (options.force !== true && (await new IdentityStore(paths).isEnrolled())) {
        throw new CliExit(exitCodes.usage, [`ward-agent enroll: this machine is already enrolled (${paths.enrollmentFile}); use --force to replace its identity`]);
      }
      const trust = await firstContactTrust(serverUrl, options, io);
      let hardwareId: string;
      try {
        hardwareId = await readHardwareId(platform, paths.root, execFileRun);
      } catch (error) {
        throw new CliExit(exitCodes.failure, [`ward-agent enroll: ${describeError(error)}`], { cause: error });
      }
      // Only to describe the machine (OS version, model, serial number); enrollment does not depend on it.
      const snapshot = await inventoryCollector(paths.root, platform)().catch(() => undefined);
      try {
        const identity = await enrollDevice({
          paths,
          platform,
          serverUrl,
          enrollmentToken: options.token,
          trust,
          hardwareId,
          name: options.name,
          snapshot,
          warn: (line) => void io.stderr.write(`warning: ${line}\n`),
          now: () => new Date(),
        });
        io.stdout.write(`Enrolled as device ${identity.deviceId} with ${serverUrl}.\nStart the agent: ward-agent install-service (or ward-agent run in the foreground).\n`);
      } catch (error) {
        throw new CliExit(exitCodes.failure, [`ward-agent enroll: ${describeError(error)}`], { cause: error });
      }
    });
}

async function firstContactTrust(serverUrl: string, options: EnrollOptions, io: CliIo): Promise<ServerTrust> {
  if (options.caFile !== undefined) {
    const ca = await readFile(options.caFile, 'utf8').catch((error: unknown) => {
      throw new CliExit(exitCodes.usage, [`ward-agent enroll: cannot read --ca-file ${options.caFile ?? ''}: ${describeError(error)}`]);
    });
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new CliExit(exitCodes.usage, [`ward-agent enroll: ${options.caFile} holds no PEM certificate`]);
    return { ca };
  }
  let fingerprint: string | undefined;
  if (options.caFingerprint !== undefined) {
    fingerprint = normalizeFingerprint(options.caFingerprint);
    if (fingerprint === undefined) throw new CliExit(exitCodes.usage, ['ward-agent enroll: --ca-fingerprint must be a SHA-256 fingerprint: 32 bytes of hex, colons optional']);
  }
  let chain;
  try {
    chain = await probeServerChain(new URL(serverUrl));
  } catch (error) {
    throw new CliExit(exitCodes.failure, [`ward-agent enroll: ${describeError(error)}`], { cause: error });
  }
  const chosen = chooseFirstContactTrust(chain, fingerprint === undefined ? { kind: 'insecure' } : { kind: 'fingerprint', fingerprint });
  if (!chosen.ok) throw new CliExit(exitCodes.failure, [`ward-agent enroll: ${chosen.message}`]);
  if (fingerprint === undefined) {
    io.stderr.write(
      [
        '',
        '!!! WARNING: --insecure-first-contact: the server was NOT authenticated. !!!',
        `The agent will trust, from now on, the root certificate the server presented:`,
        `  ${chosen.root.subject.replace(/\n/g, ', ')}`,
        `  SHA-256 ${chosen.root.fingerprint256}`,
        'Compare it with the fingerprint the Ward server printed at start. If they differ, someone may be',
        'intercepting this connection: run `ward-agent enroll --force` again with --ca-fingerprint.',
        '',
        '',
      ].join('\n'),
    );
  }
  return chosen.trust;
}
