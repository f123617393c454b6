import { join, resolve } from 'node:path';

/** Every file and folder the agent reads or writes, all under one root (`/` on a real host). */
export interface AgentPaths {
  /** The root everything lives under: `/` in production, a temporary folder in tests. */
  readonly root: string;
  /** `<root>/var/lib/ward-agent`, mode 0700: identity, state, inbox, outbox. */
  readonly stateDir: string;
  /** `<root>/etc/ward-agent`: the optional configuration. */
  readonly configDir: string;
  /** `<root>/etc/ward-agent/agent.json`. */
  readonly configFile: string;
  /** The device's private key, PKCS#8 PEM, mode 0600. */
  readonly deviceKey: string;
  /** The device certificate followed by its issuing chain, PEM. */
  readonly deviceCertificate: string;
  /** The Ward root certificate pinned at enrollment, PEM: the only trust anchor after enrollment. */
  readonly serverRoot: string;
  /** The public key that signs commands, pinned at enrollment, PEM. */
  readonly commandSigningKey: string;
  /** Device id, server URL and hardware id; its presence means "enrolled". */
  readonly enrollmentFile: string;
  /** Check-in bookkeeping: last check-in, interval, hashes of what was last sent. */
  readonly stateFile: string;
  /** Commands received and not yet finished, one JSON file each. */
  readonly inboxDir: string;
  /** Results not yet acknowledged by the server, one JSON file each. */
  readonly outboxDir: string;
  /** Ids of recently completed and acknowledged commands, so a redelivery is not run again. */
  readonly ledgerFile: string;
  /** Scripts being run, written here (inside the 0700 state dir) so no other user can swap them. */
  readonly scriptsDir: string;
}

/**
 * The agent's paths under `root`. The `--root` option exists so tests and people trying the agent
 * out never touch the host's `/var/lib` and `/etc`.
 */
export function agentPaths(root = '/'): AgentPaths {
  const base = resolve(root);
  const stateDir = join(base, 'var', 'lib', 'ward-agent');
  const configDir = join(base, 'etc', 'ward-agent');
  return Object.freeze({
    root: base,
    stateDir,
    configDir,
    configFile: join(configDir, 'agent.json'),
    deviceKey: join(stateDir, 'device-key.pem'),
    deviceCertificate: join(stateDir, 'device-certificate.pem'),
    serverRoot: join(stateDir, 'server-root.pem'),
    commandSigningKey: join(stateDir, 'command-signing-key.pem'),
    enrollmentFile: join(stateDir, 'enrollment.json'),
    stateFile: join(stateDir, 'state.json'),
    inboxDir: join(stateDir, 'inbox'),
    outboxDir: join(stateDir, 'outbox'),
    ledgerFile: join(stateDir, 'completed-commands.json'),
    scriptsDir: join(stateDir, 'scripts'),
  });
}
