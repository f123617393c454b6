import { Value } from '@sinclair/typebox/value';
import { CheckInRequest } from '@ward/agent-protocol';
import { expect } from 'vitest';
import type { InventoryReport } from '../../src/inventory-report.js';

/**
 * Asserts the report is what the agent can send as it is: a valid check-in body (facts, inventory
 * and software per the protocol's schema) whose inventory survives a JSON round trip unchanged.
 */
export function expectValidReport(report: InventoryReport): void {
  const body = { protocolVersion: 1, agentVersion: '0.0.0-test', facts: report.facts, inventory: report.inventory, software: report.software, results: [] };
  const errors = [...Value.Errors(CheckInRequest, body)].slice(0, 5).map((error) => `${error.path}: ${error.message}`);
  expect(errors).toEqual([]);
  expect(JSON.parse(JSON.stringify(report.inventory))).toEqual(report.inventory);
  for (const entry of report.unavailable) expect(entry.reason.trim()).not.toBe('');
}
