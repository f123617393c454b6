import { asObject, textField } from '../json-fields.js';
import { parseJsonText } from '../parse-json-text.js';
import { firstLine, requireSuccess, runTool } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** One base chain on the input hook, as nftables reports it. */
export type NftInputChain = {
  family: string;
  table: string;
  name: string;
  policy: string | null;
  rules: number;
};

/** What the nftables ruleset says about inbound filtering. */
export type NftRulesetSummary = {
  /** Some input chain drops by default or holds rules. */
  filtering: boolean;
  inputChains: NftInputChain[];
};

/** One firewall front end's answer. */
export type FirewallSourceState = { state: 'on' } | { state: 'off' } | { state: 'unavailable'; reason: string };

/** The firewall section: on when any source filters inbound traffic. */
export type LinuxFirewall = {
  on: boolean;
  sources: { nftables: FirewallSourceState; ufw: FirewallSourceState; firewalld: FirewallSourceState };
};

/** Families whose input hook sees traffic to this host (bridge, arp and netdev do not filter it). */
const hostFamilies = new Set(['ip', 'ip6', 'inet']);

/**
 * Parses `nft -j list ruleset`. Inbound filtering is on when a base chain hooked to "input" has a
 * drop policy or any rule; that covers nftables used directly and through iptables-nft, ufw and
 * firewalld, which all program the same ruleset.
 */
export function parseNftRuleset(text: string): SectionResult<NftRulesetSummary> {
  const json = parseJsonText(text, 'nft');
  if (!json.ok) return json;
  const items = asObject(json.value)?.['nftables'];
  if (!Array.isArray(items)) return unavailable('nft printed no "nftables" list');
  const chains = new Map<string, NftInputChain>();
  const rulesPerChain = new Map<string, number>();
  const key = (family: string, table: string, name: string): string => JSON.stringify([family, table, name]);
  for (const item of items) {
    const object = asObject(item);
    const chain = asObject(object?.['chain']);
    if (chain !== null) {
      const family = textField(chain, 'family');
      const table = textField(chain, 'table');
      const name = textField(chain, 'name');
      if (family === null || table === null || name === null || !hostFamilies.has(family) || textField(chain, 'hook') !== 'input') continue;
      chains.set(key(family, table, name), { family, table, name, policy: textField(chain, 'policy', 16), rules: 0 });
      continue;
    }
    const rule = asObject(object?.['rule']);
    if (rule !== null) {
      const id = key(textField(rule, 'family') ?? '', textField(rule, 'table') ?? '', textField(rule, 'chain') ?? '');
      rulesPerChain.set(id, (rulesPerChain.get(id) ?? 0) + 1);
    }
  }
  const inputChains = [...chains.entries()].map(([id, chain]) => ({ ...chain, rules: rulesPerChain.get(id) ?? 0 }));
  const filtering = inputChains.some((chain) => chain.policy === 'drop' || chain.rules > 0);
  return available({ filtering, inputChains });
}

/** Parses `ufw status`: "Status: active" or "Status: inactive". */
export function parseUfwStatus(text: string): SectionResult<boolean> {
  const match = /^Status:\s*(active|inactive)\s*$/m.exec(text);
  if (match === null) return unavailable(`ufw status said: ${firstLine(text) || 'nothing'}`);
  return available(match[1] === 'active');
}

/** Parses `firewall-cmd --state`: "running" (exit 0) or "not running" (exit 252). */
export function parseFirewalldState(text: string): SectionResult<boolean> {
  const line = firstLine(text).toLowerCase();
  if (line === 'running') return available(true);
  if (line.includes('not running')) return available(false);
  return unavailable(`firewall-cmd --state said: ${line || 'nothing'}`);
}

function toState(result: SectionResult<boolean>): FirewallSourceState {
  if (!result.ok) return { state: 'unavailable', reason: result.reason };
  return result.value ? { state: 'on' } : { state: 'off' };
}

async function nftState(ctx: LinuxContext): Promise<FirewallSourceState> {
  const ran = await runTool(ctx, 'nft', ['-j', 'list', 'ruleset']);
  if (!ran.ok) return { state: 'unavailable', reason: ran.reason };
  // nft needs CAP_NET_ADMIN even to list: without it, it fails with "Operation not permitted".
  const finished = requireSuccess('nft', ran.value);
  if (!finished.ok) return { state: 'unavailable', reason: finished.reason };
  const parsed = parseNftRuleset(finished.value.stdout);
  return toState(parsed.ok ? available(parsed.value.filtering) : parsed);
}

async function ufwState(ctx: LinuxContext): Promise<FirewallSourceState> {
  const ran = await runTool(ctx, 'ufw', ['status']);
  if (!ran.ok) return { state: 'unavailable', reason: ran.reason };
  // ufw refuses non-root callers with exit 1 and "ERROR: You need to be root".
  const finished = requireSuccess('ufw', ran.value);
  if (!finished.ok) return { state: 'unavailable', reason: finished.reason };
  return toState(parseUfwStatus(finished.value.stdout));
}

async function firewalldState(ctx: LinuxContext): Promise<FirewallSourceState> {
  const ran = await runTool(ctx, 'firewall-cmd', ['--state']);
  if (!ran.ok) return { state: 'unavailable', reason: ran.reason };
  return toState(parseFirewalldState(`${ran.value.stdout}\n${ran.value.stderr}`));
}

/**
 * Asks nftables, ufw and firewalld. The firewall is on when any of them says so, off when at least
 * one answered and none did, and unavailable when none could answer: a missing or refused tool is
 * not evidence that the firewall is off.
 */
export async function collectFirewall(ctx: LinuxContext): Promise<SectionResult<LinuxFirewall>> {
  const [nftables, ufw, firewalld] = await Promise.all([nftState(ctx), ufwState(ctx), firewalldState(ctx)]);
  const states = [nftables, ufw, firewalld];
  if (states.some((source) => source.state === 'on')) return available({ on: true, sources: { nftables, ufw, firewalld } });
  if (states.some((source) => source.state === 'off')) return available({ on: false, sources: { nftables, ufw, firewalld } });
  return unavailable(`no firewall tool answered (nftables: ${reasonOf(nftables)}; ufw: ${reasonOf(ufw)}; firewalld: ${reasonOf(firewalld)})`);
}

function reasonOf(state: FirewallSourceState): string {
  return state.state === 'unavailable' ? state.reason : state.state;
}
