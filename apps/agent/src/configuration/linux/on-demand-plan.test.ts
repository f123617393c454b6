import { describe, expect, it } from 'vitest';
import { onDemandPlan } from './on-demand-plan.js';

describe('onDemandPlan', () => {
  it('maps "off" and unconditional connect rules exactly', () => {
    expect(onDemandPlan({ enabled: false, rules: [{ action: 'connect' }] })).toEqual({ autoconnect: false });
    expect(onDemandPlan({ enabled: true, rules: [{ action: 'connect', interfaceType: 'any' }] })).toEqual({ autoconnect: true, note: 'on demand: connects automatically (connection.autoconnect=yes)' });
  });

  it('names each rule it could not enforce', () => {
    const plan = onDemandPlan({
      enabled: true,
      rules: [{ action: 'connect', interfaceType: 'wifi', ssids: ['Cafe'] }, { action: 'ignore', dnsDomains: ['corp.example.com'] }, { action: 'connect' }],
    });
    expect(plan.autoconnect).toBe(true);
    expect(plan.note).toBe(
      'on-demand rules are approximated: NetworkManager has none, so the VPN connects automatically whenever the device is online (connection.autoconnect=yes); not enforced: rule 1 (connect on SSIDs Cafe on wifi), rule 2 (ignore for DNS domains corp.example.com)',
    );
  });

  it('does not connect automatically when no rule says connect', () => {
    const plan = onDemandPlan({ enabled: true, rules: [{ action: 'disconnect', ssids: ['Home'] }] });
    expect(plan.autoconnect).toBe(false);
    expect(plan.note).toContain('no rule says connect, so the VPN is not connected automatically; not enforced: rule 1 (disconnect on SSIDs Home)');
  });
});
