import type { AgentFacts, SoftwareEntry } from '@ward/agent-protocol';

/** Everything the agent knows about its machine at one moment, in the protocol's shapes. */
export interface InventorySnapshot {
  /** Normalised facts (osVersion, encrypted, firewallOn, …). */
  readonly facts: AgentFacts;
  /** The raw platform inventory, keyed by section (os, hardware, disks, …). */
  readonly inventory: Readonly<Record<string, unknown>>;
  /** Installed packages or programs. */
  readonly software: readonly SoftwareEntry[];
  /** What could not be collected on this machine, and why, for people reading `collect`. */
  readonly unavailable: readonly string[];
}

/** Collects an {@link InventorySnapshot} of the machine (under the agent's root). */
export type InventoryCollector = () => Promise<InventorySnapshot>;
