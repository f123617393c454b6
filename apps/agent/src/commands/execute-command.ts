import type { AgentCommand } from '@ward/agent-protocol';
import type { AgentConfig } from '../config/agent-config.js';
import type { AgentPaths } from '../config/agent-paths.js';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { InventorySnapshot } from '../inventory/inventory-snapshot.js';
import type { CommandOutcome } from './command-outcome.js';
import { parseScriptPayload } from './parse-script-payload.js';
import { removeManagedData } from './remove-managed-data.js';
import { runHostAction } from './run-host-action.js';
import { runScript } from './run-script.js';

/** What the command handlers act through. */
export interface CommandExecutorDeps {
  readonly paths: AgentPaths;
  readonly config: AgentConfig;
  readonly platform: AgentPlatform;
  /** Collects everything afresh and makes the next check-in send the full inventory. */
  readonly refreshInventory: () => Promise<InventorySnapshot>;
  /** Records durably that the device is retiring: deliver results, then delete the identity. */
  readonly beginRetire: () => Promise<void>;
}

/**
 * Runs one command that passed its authenticity checks and returns what happened. Expected
 * failures (bad payload, a failing script) are outcomes; only infrastructure failures throw.
 */
export async function executeCommand(command: AgentCommand, deps: CommandExecutorDeps, signal: AbortSignal): Promise<CommandOutcome> {
  switch (command.type) {
    case 'sync':
      // The check-in that delivers this result is the sync.
      return { status: 'succeeded' };
    case 'refreshInventory': {
      const snapshot = await deps.refreshInventory();
      const missing = snapshot.unavailable.length === 0 ? '' : `; unavailable: ${snapshot.unavailable.join('; ')}`;
      return { status: 'succeeded', output: `collected ${Object.keys(snapshot.inventory).length} inventory sections and ${snapshot.software.length} software entries${missing}`.slice(0, 4000) };
    }
    case 'lock':
      return runHostAction(deps.config.actions.lock, signal);
    case 'restart':
      return runHostAction(deps.config.actions.restart, signal);
    case 'runScript': {
      const payload = parseScriptPayload(command.payload);
      if (!payload.ok) return { status: 'failed', error: payload.error };
      return runScript(payload.value, { commandId: command.id, scriptsDir: deps.paths.scriptsDir, platform: deps.platform, signal });
    }
    case 'retire': {
      const problems = await removeManagedData(deps.paths, deps.config.managedPaths);
      // With data left behind the device stays enrolled, so the admin sees the failure and can retry.
      if (problems.length > 0) return { status: 'failed', error: `could not remove: ${problems.join('; ')}` };
      await deps.beginRetire();
      return { status: 'succeeded', output: `removed Ward's configuration${deps.config.managedPaths.length === 0 ? '' : ` and ${deps.config.managedPaths.join(', ')}`}; the agent unenrolls` };
    }
  }
}
