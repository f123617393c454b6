import type { AgentFacts, SoftwareEntry } from '@ward/agent-protocol';
import { describeError } from './describe-error.js';
import type { InventoryReport, UnavailableSection } from './inventory-report.js';
import { inventoryLimits } from './inventory-limits.js';
import type { JsonValue } from './json-value.js';
import { unavailable, type SectionResult } from './section-result.js';

/** Limits of the protocol's `AgentFacts` that a collector must respect before it reports a fact. */
const maxFactText = 64;
const maxScreenLockSeconds = 86_400 * 7;

/**
 * Collects sections into an {@link InventoryReport}. A section either lands in the raw inventory
 * (and may set facts) or in `unavailable` with its reason; a fact is only set from a value that
 * was read and fits the protocol, so the report always validates.
 */
export class ReportBuilder {
  private readonly facts: AgentFacts = {};
  private readonly inventory: Record<string, JsonValue> = {};
  private software: SoftwareEntry[] = [];
  private readonly unavailable: UnavailableSection[] = [];

  constructor(platform: 'linux' | 'macos' | 'windows') {
    this.inventory['platform'] = platform;
  }

  /** Records a section's raw value, or its reason when it could not be read. */
  section<T extends JsonValue>(name: string, result: SectionResult<T>): T | null {
    if (!result.ok) {
      this.markUnavailable(name, result.reason);
      return null;
    }
    this.inventory[name] = result.value;
    return result.value;
  }

  /** Records a section that could not be read. */
  markUnavailable(section: string, reason: string): void {
    this.unavailable.push({ section, reason });
  }

  /** Sets a text fact if it fits the protocol's length; a cut version string would be wrong, so it is left out instead. */
  textFact(name: 'osVersion' | 'osBuild', value: string | null | undefined): void {
    if (value !== null && value !== undefined && value !== '' && value.length <= maxFactText) this.facts[name] = value;
  }

  /** Sets a boolean fact when it is known. */
  booleanFact(name: 'encrypted' | 'firewallOn' | 'secureBoot' | 'passcodeSet', value: boolean | null | undefined): void {
    if (typeof value === 'boolean') this.facts[name] = value;
  }

  /** Sets a count fact when it is a non-negative safe integer (and, for the screen lock, in the protocol's range). */
  countFact(name: 'totalStorageBytes' | 'freeStorageBytes' | 'memoryBytes' | 'screenLockSeconds', value: number | null | undefined): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return;
    if (name === 'screenLockSeconds' && value > maxScreenLockSeconds) return;
    this.facts[name] = value;
  }

  /** Adds installed software (already validated and capped by its parser). */
  addSoftware(entries: readonly SoftwareEntry[]): void {
    this.software = this.software.concat(entries);
  }

  /**
   * The report. Software is sorted so the agent's change hash is stable, and cut to the protocol's
   * entry limit (the cut is recorded in the inventory so nobody mistakes it for the whole list).
   */
  build(): InventoryReport {
    const sorted = [...this.software].sort((a, b) => compareText(a.name, b.name) || compareText(a.version, b.version) || compareText(a.source, b.source));
    const inventory = { ...this.inventory };
    if (sorted.length > inventoryLimits.maxSoftwareEntries) inventory['softwareTruncatedFrom'] = sorted.length;
    const software = sorted.slice(0, inventoryLimits.maxSoftwareEntries);
    return { facts: { ...this.facts }, inventory, software, unavailable: [...this.unavailable] };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Runs one section's collector so that nothing it throws (a bug, or a runner that misbehaves)
 * escapes: it becomes that section's reason.
 */
export async function safely<T>(collector: () => Promise<SectionResult<T>>): Promise<SectionResult<T>> {
  try {
    return await collector();
  } catch (error) {
    return unavailable(`collector failed: ${describeError(error)}`);
  }
}
