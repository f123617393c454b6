import type { BundleChange, BundleSection, PolicyBundleOutcome } from '@ward/core';
import { formatTable } from '../format-table.js';

const sectionLabel: Readonly<Record<BundleSection, string>> = { groups: 'group', filters: 'filter', profiles: 'profile', compliancePolicies: 'compliance policy', assignments: 'assignment' };
const sectionOrder: readonly BundleSection[] = ['groups', 'filters', 'profiles', 'compliancePolicies', 'assignments'];
const actionMark: Readonly<Record<BundleChange['action'], string>> = { create: '+ create', update: '~ update', delete: '- delete' };

/** Objects in the tenant that the files do not list, which stay without `--prune`. */
export interface KeptObjects {
  readonly profiles: number;
  readonly compliancePolicies: number;
  readonly filters: number;
}

/** How to print. */
export interface OutcomeFormat {
  readonly prune: boolean;
  readonly kept: KeptObjects;
  /** Device labels (`name (id)`) for ids, for the first devices of each impact list. */
  readonly deviceLabel: (id: string) => string;
  /** How many devices to name per list. */
  readonly listed: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function deviceList(count: number, ids: readonly string[], format: OutcomeFormat): string {
  if (count === 0) return '';
  const named = ids.slice(0, format.listed).map(format.deviceLabel);
  const more = count - named.length;
  return `: ${named.join(', ')}${more > 0 ? `, and ${plural(more, 'more')}` : ''}`;
}

/**
 * The diff and impact of a bundle, for people: one row per change, a summary, what stays
 * without `--prune`, and the devices whose configuration or compliance changes (counts, the
 * first few named).
 */
export function formatBundleOutcome(outcome: PolicyBundleOutcome, format: OutcomeFormat): string {
  const lines: string[] = [];
  const changes = [...outcome.changes].sort((a, b) => sectionOrder.indexOf(a.section) - sectionOrder.indexOf(b.section) || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (changes.length > 0) {
    lines.push(formatTable(['CHANGE', 'OBJECT', 'NAME', 'FIELDS'], changes.map((c) => [actionMark[c.action], sectionLabel[c.section], c.name, (c.fields ?? []).join(', ')])).trimEnd());
  }
  const count = (action: BundleChange['action']): number => outcome.changes.filter((c) => c.action === action).length;
  const summary = (['create', 'update', 'delete'] as const).map((a) => `${count(a)} ${outcome.dryRun ? `to ${a}` : `${a}d`}`).join(', ');
  if (outcome.changes.length === 0) lines.push(`No changes: the tenant already matches these files (${plural(outcome.unchanged, 'object')} unchanged).`);
  else lines.push(`${outcome.dryRun ? 'Plan' : 'Applied'}: ${summary}, ${outcome.unchanged} unchanged.`);
  const { kept } = format;
  const keptParts = [kept.profiles > 0 ? plural(kept.profiles, 'profile') : '', kept.compliancePolicies > 0 ? plural(kept.compliancePolicies, 'compliance policy', 'compliance policies') : '', kept.filters > 0 ? plural(kept.filters, 'assignment filter') : ''].filter((p) => p !== '');
  if (!format.prune && keptParts.length > 0) lines.push(`Not in these files and kept: ${keptParts.join(', ')} (pruning is off; --prune deletes them; groups are never deleted).`);
  else if (!format.prune) lines.push('Pruning is off (--prune deletes what the files do not list; groups are never deleted).');
  const { impact } = outcome;
  const tense = outcome.dryRun ? 'would change' : 'change';
  lines.push(`Impact: ${plural(impact.configurationDevices, 'device')} ${tense} desired configuration${deviceList(impact.configurationDevices, impact.configurationDeviceIds, format)}.`);
  lines.push(`Impact: ${plural(impact.complianceDevices, 'device')} ${tense} compliance policies or their evaluation${deviceList(impact.complianceDevices, impact.complianceDeviceIds, format)}.`);
  for (const note of impact.notes) lines.push(`Note: ${note}`);
  if (outcome.dryRun) lines.push('Dry run: nothing was changed.');
  return `${lines.join('\n')}\n`;
}
