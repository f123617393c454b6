import { collectInventory, collectMacosInventory, collectWindowsInventory, type InventoryReport, type RunCommand } from '@ward/inventory';
import type { AgentPlatform } from '../config/agent-platform.js';
import { hostToolRunner } from '../runtime/host-tool-runner.js';
import { agentVersion } from '../version.js';
import type { InventoryCollector } from './inventory-snapshot.js';
import { normalizeSnapshot } from './normalize-snapshot.js';

/**
 * The inventory collector for `platform`, from `@ward/inventory`: the Linux collector reads files
 * under `root` and runs the host's tools only when `root` is `/`; the macOS and Windows collectors
 * run their tools through `run` (the real runner on the host root). The report is normalised to the
 * protocol's limits and carries the agent's version as a fact.
 */
export function inventoryCollector(root: string, platform: AgentPlatform, run?: RunCommand): InventoryCollector {
  // Under a --root other than the host's, the host's tools would describe another machine.
  const runner = run ?? hostToolRunner(root);
  return async () => {
    let report: InventoryReport;
    switch (platform) {
      case 'linux':
        report = await collectInventory({ root, run: runner });
        break;
      case 'macos':
        report = await collectMacosInventory(runner);
        break;
      case 'windows':
        report = await collectWindowsInventory(runner);
        break;
    }
    const snapshot = normalizeSnapshot(report);
    return { ...snapshot, facts: { ...snapshot.facts, agentVersion } };
  };
}
