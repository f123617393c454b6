import { appLimits, ConfigurationReports, protocolLimits, protocolVersion, type AppReport, type CheckInRequest, type CommandResult, type ConfigurationReport } from '@ward/agent-protocol';
import { hashJson } from '../inventory/hash-json.js';
import type { InventorySnapshot } from '../inventory/inventory-snapshot.js';
import type { AgentState } from './agent-state-store.js';

/** A check-in body and what it carries, so the sent hashes are recorded only once the server took it. */
export interface PlannedCheckIn {
  readonly request: CheckInRequest;
  /** Hashes of the parts included in `request`. */
  readonly sentHashes: AgentState['sentHashes'];
  /** The facts the server holds once it took `request` (absent: unchanged). */
  readonly sentFacts?: Readonly<Record<string, unknown>>;
  /** Results that did not fit: check in again right away. */
  readonly moreResults: boolean;
  /** The configuration reports included in `request`: acknowledged once the server took it. */
  readonly sentReports: readonly ConfigurationReport[];
  /** Configuration reports that did not fit: check in again right away. */
  readonly moreReports: boolean;
  /** The app reports included in `request`: acknowledged once the server took it. */
  readonly sentAppReports: readonly AppReport[];
  /** App reports that did not fit: check in again right away. */
  readonly moreAppReports: boolean;
  /** Parts that changed but did not fit within the body limit. */
  readonly deferred: readonly ('inventory' | 'software')[];
}

// As many as the protocol's schema allows in one request.
const reportsPerCheckIn = ConfigurationReports.properties.reports.maxItems ?? 500;

/**
 * Builds a check-in: the facts whose value differs from what the server holds (all of them after
 * a start without that record, or when a full report was requested), inventory and software only
 * when their hash differs from what the server last received, as many outbox results
 * and configuration and app reports as fit. Within `protocolLimits.checkInBytes` results come first
 * (they are what the admin waits for), then configuration reports (the profile status the admin
 * waits for), then app reports, then the inventory, then the software list; what does not fit
 * waits for the next one.
 */
export function buildCheckInRequest(input: {
  readonly agentVersion: string;
  readonly snapshot: InventorySnapshot | undefined;
  readonly state: AgentState;
  readonly results: readonly CommandResult[];
  /** Configuration reports to deliver (pending ones, or all of them after a start). */
  readonly reports?: readonly ConfigurationReport[];
  /** App reports to deliver (pending ones, or all of them after a start); they go after the configuration reports. */
  readonly appReports?: readonly AppReport[];
  readonly limitBytes?: number;
  /** Ask for a Noise push offer (`noisePush: 'wanted'`): the agent holds none it can use, and the check-in goes over TLS. */
  readonly noisePush?: boolean;
}): PlannedCheckIn {
  const limit = input.limitBytes ?? protocolLimits.checkInBytes;
  const full = input.state.fullReportRequestedAt !== undefined;
  const { snapshot, state } = input;
  const sentHashes: { facts?: string; inventory?: string; software?: string } = {};
  const request: CheckInRequest = { protocolVersion, agentVersion: input.agentVersion, results: [], ...(input.noisePush === true ? { noisePush: 'wanted' as const } : {}) };
  let sentFacts: Readonly<Record<string, unknown>> | undefined;

  let parts: { key: 'inventory' | 'software'; value: unknown; hash: string }[] = [];
  if (snapshot !== undefined) {
    const factsHash = hashJson(snapshot.facts);
    if (full || factsHash !== state.sentHashes.facts) {
      // A delta per fact: most changes are one value (free space, a toggled firewall), and the
      // server merges what arrives into what it has. A fact that disappeared keeps its last value
      // there, as an unreadable fact is no news.
      const held = full ? undefined : state.sentFacts;
      const facts: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(snapshot.facts)) {
        if (held === undefined || hashJson(held[key]) !== hashJson(value)) facts[key] = value;
      }
      request.facts = facts;
      sentHashes.facts = factsHash;
      sentFacts = { ...(held ?? {}), ...facts };
    }
    const inventoryHash = hashJson(snapshot.inventory);
    const softwareHash = hashJson(snapshot.software);
    parts = [
      { key: 'inventory' as const, value: snapshot.inventory, hash: inventoryHash },
      { key: 'software' as const, value: snapshot.software, hash: softwareHash },
    ].filter((part) => full || part.hash !== state.sentHashes[part.key]);
  }

  let size = byteLength(request);
  let moreResults = false;
  for (const result of input.results.slice(0, protocolLimits.resultsPerCheckIn)) {
    // +1 for the comma between array items.
    const cost = byteLength(result) + 1;
    if (size + cost > limit && request.results.length > 0) {
      moreResults = true;
      break;
    }
    request.results.push(result);
    size += cost;
  }
  if (input.results.length > request.results.length) moreResults = true;

  const reports = input.reports ?? [];
  const sentReports: ConfigurationReport[] = [];
  // The `"configuration":{"reports":[]}` around them, and its comma.
  const envelope = 31;
  if (reports.length > 0 && size + envelope < limit) {
    size += envelope;
    for (const report of reports.slice(0, reportsPerCheckIn)) {
      const cost = byteLength(report) + 1;
      if (size + cost > limit) break;
      sentReports.push(report);
      size += cost;
    }
    if (sentReports.length > 0) request.configuration = { reports: sentReports };
    else size -= envelope;
  }
  const moreReports = reports.length > sentReports.length;

  const appReports = input.appReports ?? [];
  const sentAppReports: AppReport[] = [];
  // The `"apps":{"reports":[]}` around them, and its comma.
  const appEnvelope = 22;
  if (appReports.length > 0 && size + appEnvelope < limit) {
    size += appEnvelope;
    for (const report of appReports.slice(0, appLimits.reportsPerCheckIn)) {
      const cost = byteLength(report) + 1;
      if (size + cost > limit) break;
      sentAppReports.push(report);
      size += cost;
    }
    if (sentAppReports.length > 0) request.apps = { reports: sentAppReports };
    else size -= appEnvelope;
  }
  const moreAppReports = appReports.length > sentAppReports.length;

  const deferred: ('inventory' | 'software')[] = [];
  for (const part of parts) {
    // The key, quotes, colon and comma around the value.
    const cost = byteLength(part.value) + part.key.length + 4;
    if (size + cost > limit) {
      deferred.push(part.key);
      continue;
    }
    if (part.key === 'inventory') request.inventory = part.value as Record<string, unknown>;
    else request.software = part.value as CheckInRequest['software'];
    sentHashes[part.key] = part.hash;
    size += cost;
  }
  return { request, sentHashes, ...(sentFacts === undefined ? {} : { sentFacts }), moreResults, sentReports, moreReports, sentAppReports, moreAppReports, deferred };
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
