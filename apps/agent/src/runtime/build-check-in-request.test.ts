import { CheckInRequest, type AppReport, type CommandResult, type ConfigurationReport } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { describe, expect, it } from 'vitest';
import { hashJson } from '../inventory/hash-json.js';
import type { InventorySnapshot } from '../inventory/inventory-snapshot.js';
import { initialAgentState } from './agent-state-store.js';
import { buildCheckInRequest } from './build-check-in-request.js';

const snapshot: InventorySnapshot = {
  facts: { osVersion: '42', firewallOn: true },
  inventory: { os: { name: 'Test' } },
  software: [{ name: 'bash', version: '5.2', source: 'dpkg' }],
  unavailable: [],
};
const result = (commandId: string, output = ''): CommandResult => ({ commandId, status: 'succeeded', output, finishedAt: '2026-01-01T00:00:00.000Z' });

describe('buildCheckInRequest', () => {
  it('sends everything the first time, and records what it sent', () => {
    const plan = buildCheckInRequest({ agentVersion: '1.0.0', snapshot, state: initialAgentState, results: [] });
    expect(plan.request).toEqual({ protocolVersion: 1, agentVersion: '1.0.0', results: [], facts: snapshot.facts, inventory: snapshot.inventory, software: snapshot.software });
    expect(plan.sentHashes).toEqual({ facts: hashJson(snapshot.facts), inventory: hashJson(snapshot.inventory), software: hashJson(snapshot.software) });
  });

  it('sends only what changed since, whatever the key order', () => {
    const sent = buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [] }).sentHashes;
    const state = { ...initialAgentState, sentHashes: sent };
    const reordered = { ...snapshot, facts: { firewallOn: true, osVersion: '42' } };
    expect(buildCheckInRequest({ agentVersion: '1', snapshot: reordered, state, results: [] }).request).toEqual({ protocolVersion: 1, agentVersion: '1', results: [] });
    const changed = buildCheckInRequest({ agentVersion: '1', snapshot: { ...snapshot, facts: { osVersion: '43' } }, state, results: [] });
    expect(changed.request.facts).toEqual({ osVersion: '43' });
    expect(changed.request.inventory).toBeUndefined();
    expect(changed.request.software).toBeUndefined();
  });

  it('sends a fact delta once the server holds the facts: only the values that changed', () => {
    const first = buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [] });
    expect(first.sentFacts).toEqual(snapshot.facts);
    const state = { ...initialAgentState, sentHashes: first.sentHashes, ...(first.sentFacts === undefined ? {} : { sentFacts: first.sentFacts }) };
    const moved = buildCheckInRequest({ agentVersion: '1', snapshot: { ...snapshot, facts: { osVersion: '42', firewallOn: false, freeStorageBytes: 7 } }, state, results: [] });
    expect(moved.request.facts).toEqual({ firewallOn: false, freeStorageBytes: 7 });
    expect(moved.sentFacts).toEqual({ osVersion: '42', firewallOn: false, freeStorageBytes: 7 });
    // A full report (refreshInventory) sends every fact again, whatever the server holds.
    const full = buildCheckInRequest({ agentVersion: '1', snapshot, state: { ...state, fullReportRequestedAt: '2026-01-01T00:00:00Z' }, results: [] });
    expect(full.request.facts).toEqual(snapshot.facts);
    expect(matchesSchema(CheckInRequest, moved.request)).toBe(true);
  });

  it('sends everything after refreshInventory even when nothing changed', () => {
    const sent = buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [] }).sentHashes;
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot, state: { ...initialAgentState, sentHashes: sent, fullReportRequestedAt: '2026-01-01T00:00:00Z' }, results: [] });
    expect(plan.request.facts).toBeDefined();
    expect(plan.request.inventory).toBeDefined();
    expect(plan.request.software).toBeDefined();
  });

  it('puts results first within the size limit, then defers what does not fit', () => {
    const results = [result('a', 'x'.repeat(400)), result('b', 'y'.repeat(400)), result('c', 'z'.repeat(400))];
    const bulky = { ...snapshot, inventory: { os: { name: 'i'.repeat(300) } } };
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: bulky, state: initialAgentState, results, limitBytes: 1200 });
    expect(plan.request.results.map((r) => r.commandId)).toEqual(['a', 'b']);
    expect(plan.moreResults).toBe(true);
    // The inventory waits for a later check-in; the small software list still fits.
    expect(plan.deferred).toEqual(['inventory']);
    expect(plan.sentHashes.inventory).toBeUndefined();
    expect(plan.request.software).toEqual(snapshot.software);
    expect(Buffer.byteLength(JSON.stringify(plan.request))).toBeLessThanOrEqual(1200);
  });

  it('caps results at the protocol limit per check-in', () => {
    const results = Array.from({ length: 150 }, (_, i) => result(`r${i}`));
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results });
    expect(plan.request.results).toHaveLength(100);
    expect(plan.moreResults).toBe(true);
  });

  it('carries configuration reports after the results, within the size limit, and only when there are some', () => {
    expect(buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], reports: [] }).request.configuration).toBeUndefined();
    const reports = [report('p1', 'e'.repeat(300)), report('p2', 'f'.repeat(300)), report('p3', 'g'.repeat(300))];
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [result('a', 'x'.repeat(200))], reports, limitBytes: 1300 });
    expect(plan.request.results.map((r) => r.commandId)).toEqual(['a']);
    expect(plan.request.configuration?.reports.map((r) => r.id)).toEqual(['p1', 'p2']);
    expect(plan.sentReports).toEqual(plan.request.configuration?.reports);
    expect(plan.moreReports).toBe(true);
    expect(plan.moreResults).toBe(false);
    expect(Buffer.byteLength(JSON.stringify(plan.request))).toBeLessThanOrEqual(1300);
    expect(matchesSchema(CheckInRequest, plan.request)).toBe(true);
  });

  it('caps reports at what the protocol allows in one request', () => {
    const reports = Array.from({ length: 600 }, (_, i) => report(`p${i}`));
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], reports });
    expect(plan.sentReports).toHaveLength(500);
    expect(plan.moreReports).toBe(true);
    expect(matchesSchema(CheckInRequest, plan.request)).toBe(true);
  });

  it('leaves the reports out when results fill the request, and says more are due', () => {
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [result('a', 'x'.repeat(1000))], reports: [report('p1')], limitBytes: 1100 });
    expect(plan.request.configuration).toBeUndefined();
    expect(plan.sentReports).toEqual([]);
    expect(plan.moreReports).toBe(true);
  });

  it('carries app reports after the configuration reports, within the size limit', () => {
    expect(buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], appReports: [] }).request.apps).toBeUndefined();
    const apps = [appReport('a1', 'e'.repeat(200)), appReport('a2', 'f'.repeat(200)), appReport('a3', 'g'.repeat(200))];
    const base = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], reports: [report('p1')], appReports: apps.slice(0, 2) });
    const exact = Buffer.byteLength(JSON.stringify(base.request));
    // The accounting counts a comma before each report, one more than the JSON has per array.
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], reports: [report('p1')], appReports: apps, limitBytes: exact + 2 });
    expect(plan.request.configuration?.reports.map((r) => r.id)).toEqual(['p1']);
    expect(plan.request.apps?.reports.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect(plan.sentAppReports).toEqual(plan.request.apps?.reports);
    expect(plan.moreAppReports).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(plan.request))).toBe(exact);
    expect(matchesSchema(CheckInRequest, plan.request)).toBe(true);
    const smaller = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], reports: [report('p1')], appReports: apps, limitBytes: exact + 1 });
    expect(smaller.sentAppReports.map((r) => r.id)).toEqual(['a1']);
    expect(Buffer.byteLength(JSON.stringify(smaller.request))).toBeLessThanOrEqual(exact + 1);
  });

  it('caps app reports at what the protocol allows, and leaves them out when nothing else fits', () => {
    const many = Array.from({ length: 600 }, (_, i) => appReport(`a${i}`));
    const plan = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], appReports: many });
    expect(plan.sentAppReports).toHaveLength(500);
    expect(plan.moreAppReports).toBe(true);
    expect(matchesSchema(CheckInRequest, plan.request)).toBe(true);
    const full = buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [result('a', 'x'.repeat(1000))], appReports: [appReport('a1')], limitBytes: 1100 });
    expect(full.request.apps).toBeUndefined();
    expect(full.moreAppReports).toBe(true);
  });

  it('asks for a Noise push offer only when told to, within the size limit', () => {
    expect(buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [] }).request.noisePush).toBeUndefined();
    expect(buildCheckInRequest({ agentVersion: '1', snapshot: undefined, state: initialAgentState, results: [], noisePush: false }).request.noisePush).toBeUndefined();
    const asking = buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [], noisePush: true });
    expect(asking.request.noisePush).toBe('wanted');
    expect(matchesSchema(CheckInRequest, asking.request)).toBe(true);
    // The field counts against the limit: a body that fits exactly without it defers the software with it.
    const exact = Buffer.byteLength(JSON.stringify(buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [] }).request));
    expect(buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [], limitBytes: exact }).deferred).toEqual([]);
    const tight = buildCheckInRequest({ agentVersion: '1', snapshot, state: initialAgentState, results: [], limitBytes: exact, noisePush: true });
    expect(tight.deferred).toEqual(['software']);
    expect(Buffer.byteLength(JSON.stringify(tight.request))).toBeLessThanOrEqual(exact);
  });
});

function appReport(id: string, error?: string): AppReport {
  return { id, hash: 'b'.repeat(64), status: error === undefined ? 'installed' : 'failed', ...(error === undefined ? { installedVersion: '1.0' } : { error }) };
}

function report(id: string, error?: string): ConfigurationReport {
  return { id, hash: 'a'.repeat(64), status: 'succeeded', ...(error === undefined ? {} : { error }) };
}
