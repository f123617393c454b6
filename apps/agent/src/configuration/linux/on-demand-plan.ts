import type { VpnPayload } from '@ward/agent-protocol';

type OnDemand = VpnPayload['onDemand'];
type Rule = OnDemand['rules'][number];

/** How on-demand rules come out on NetworkManager, and what had to be approximated. */
export interface OnDemandPlan {
  /** connection.autoconnect. */
  readonly autoconnect: boolean;
  /** What the administrator should know; absent when the rules map exactly. */
  readonly note?: string;
}

/**
 * NetworkManager has no on-demand rules, only "connect automatically or not". The VPN connects
 * automatically when on-demand is on and some rule says connect (with no connect rule, the rules
 * never start it, as on Apple platforms); every condition (SSIDs, DNS domains, interface type) and
 * every disconnect or ignore rule is then not enforced, and the note lists them by number.
 */
export function onDemandPlan(onDemand: OnDemand): OnDemandPlan {
  if (!onDemand.enabled) return { autoconnect: false };
  const autoconnect = onDemand.rules.some((rule) => rule.action === 'connect');
  const approximated = onDemand.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.action !== 'connect' || hasCondition(rule));
  if (approximated.length === 0) return { autoconnect, note: autoconnect ? 'on demand: connects automatically (connection.autoconnect=yes)' : 'on demand is on but has no rules, so the VPN is not connected automatically' };
  const what = autoconnect
    ? 'the VPN connects automatically whenever the device is online (connection.autoconnect=yes)'
    : 'no rule says connect, so the VPN is not connected automatically';
  return { autoconnect, note: `on-demand rules are approximated: NetworkManager has none, so ${what}; not enforced: ${approximated.map(({ rule, index }) => `rule ${index + 1} (${describeRule(rule)})`).join(', ')}` };
}

function hasCondition(rule: Rule): boolean {
  return (rule.ssids?.length ?? 0) > 0 || (rule.dnsDomains?.length ?? 0) > 0 || (rule.interfaceType !== undefined && rule.interfaceType !== 'any');
}

function describeRule(rule: Rule): string {
  const conditions = [
    (rule.ssids?.length ?? 0) > 0 ? `on SSIDs ${(rule.ssids ?? []).slice(0, 5).join(', ')}` : undefined,
    (rule.dnsDomains?.length ?? 0) > 0 ? `for DNS domains ${(rule.dnsDomains ?? []).slice(0, 5).join(', ')}` : undefined,
    rule.interfaceType !== undefined && rule.interfaceType !== 'any' ? `on ${rule.interfaceType}` : undefined,
  ].filter((c): c is string => c !== undefined);
  return `${rule.action}${conditions.length === 0 ? ' always' : ` ${conditions.join(' ')}`}`;
}
