import type { AgentFacts, SoftwareEntry } from '@ward/agent-protocol';
import type { JsonValue } from './json-value.js';

/** A part of the machine that could not be read, and why. */
export interface UnavailableSection {
  /** The inventory section (`firewall`, `screenLock`, …). */
  readonly section: string;
  /** Why: missing tool, permission, malformed output, no desktop, … */
  readonly reason: string;
}

/**
 * Everything one collection found: the normalised facts (a valid `AgentFacts`, holding only what
 * was actually read), the raw per-section inventory (JSON, for the check-in's `inventory`), the
 * installed software (valid `SoftwareEntry` items) and the sections that could not be read.
 */
export interface InventoryReport {
  readonly facts: AgentFacts;
  readonly inventory: Record<string, JsonValue>;
  readonly software: SoftwareEntry[];
  readonly unavailable: UnavailableSection[];
}
