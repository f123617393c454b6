import { AgentFacts, protocolLimits, SoftwareEntry } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { isRecord } from '../storage/is-record.js';
import type { InventorySnapshot } from './inventory-snapshot.js';

/**
 * Makes a collector's output fit the protocol exactly, whatever the collector returned: facts that
 * fail their schema are left out one by one, inventory sections get keys of at most 64 characters,
 * software entries are cut to the field limits and the entry limit. The server refuses a whole
 * check-in for one bad field, so the agent never sends one.
 */
export function normalizeSnapshot(raw: unknown): InventorySnapshot {
  const record = isRecord(raw) ? raw : {};
  const facts: Record<string, unknown> = {};
  if (isRecord(record.facts)) {
    for (const [key, value] of Object.entries(record.facts)) {
      if (value !== undefined && matchesSchema(AgentFacts, { [key]: value })) facts[key] = value;
    }
  }
  const inventory: Record<string, unknown> = {};
  if (isRecord(record.inventory)) for (const [key, value] of Object.entries(record.inventory)) if (key.length <= 64 && value !== undefined) inventory[key] = value;
  const software: SoftwareEntry[] = [];
  if (Array.isArray(record.software)) {
    for (const entry of record.software) {
      if (software.length >= protocolLimits.softwareEntries) break;
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '') continue;
      const clipped = {
        name: entry.name.slice(0, 256),
        version: typeof entry.version === 'string' ? entry.version.slice(0, 128) : '',
        source: typeof entry.source === 'string' ? entry.source.slice(0, 32) : 'unknown',
      };
      if (matchesSchema(SoftwareEntry, clipped)) software.push(clipped);
    }
  }
  const unavailable = Array.isArray(record.unavailable) ? record.unavailable.map(describeUnavailable) : [];
  return { facts: facts, inventory, software, unavailable };
}

function describeUnavailable(item: unknown): string {
  if (typeof item === 'string') return item;
  if (isRecord(item)) {
    const what = typeof item.collector === 'string' ? item.collector : typeof item.name === 'string' ? item.name : typeof item.section === 'string' ? item.section : 'collector';
    const why = typeof item.reason === 'string' ? item.reason : typeof item.message === 'string' ? item.message : 'unavailable';
    return `${what}: ${why}`;
  }
  return String(item);
}
