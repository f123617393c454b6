import { ConfigurationReports, NO_HASH } from '@ward/agent-protocol';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SimulatedConfiguration } from '../src/simulated-configuration.js';

const hash = (c: string): string => c.repeat(64);

describe('SimulatedConfiguration', () => {
  it('reports a settings profile succeeded setting by setting, and its removal with the hash it held', () => {
    const configuration = new SimulatedConfiguration();
    const install = [{ id: 'p1', hash: hash('a'), name: 'Baseline', kind: 'settings', payload: { settings: { 'restrictions.usbStorageDisabled': true, 'screenLock.timeoutSeconds': 300 } } }];
    expect(configuration.apply({ install, remove: [] })).toEqual({ applied: 1, removed: 0 });
    const sent = configuration.reportsToSend();
    expect(sent).toEqual([{ id: 'p1', hash: hash('a'), status: 'succeeded', settings: [{ id: 'restrictions.usbStorageDisabled', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'succeeded' }] }]);
    expect(Value.Check(ConfigurationReports, { reports: sent })).toBe(true);
    configuration.acknowledge(sent);
    expect(configuration.hasPending).toBe(false);
    expect(configuration.held).toBe(1);

    expect(configuration.apply({ install: [], remove: ['p1'] })).toEqual({ applied: 0, removed: 1 });
    expect(configuration.reportsToSend()).toEqual([{ id: 'p1', hash: hash('a'), status: 'removed' }]);
    expect(configuration.held).toBe(0);
  });

  it('keeps a report that changed while its check-in was in flight', () => {
    const configuration = new SimulatedConfiguration();
    configuration.apply({ install: [{ id: 'p1', hash: hash('a'), name: 'W', kind: 'wifi', payload: {} }], remove: [] });
    const sent = configuration.reportsToSend();
    configuration.apply({ install: [{ id: 'p1', hash: hash('b'), name: 'W', kind: 'wifi', payload: {} }], remove: [] });
    configuration.acknowledge(sent);
    expect(configuration.reportsToSend()).toEqual([{ id: 'p1', hash: hash('b'), status: 'succeeded' }]);
  });

  it('reports malformed items failed, skips those without a usable id, and drops refused reports', () => {
    const configuration = new SimulatedConfiguration();
    const applied = configuration.apply({ install: [{ id: 'bad', hash: 'nope', kind: 'settings', payload: {} }, { hash: hash('c') }, 'junk', null], remove: [7, '', 'gone'] });
    expect(applied).toEqual({ applied: 1, removed: 1 });
    const sent = configuration.reportsToSend();
    expect(sent).toEqual([
      { id: 'gone', hash: NO_HASH, status: 'removed' },
      { id: 'bad', hash: NO_HASH, status: 'failed', error: 'the configuration item does not match the protocol' },
    ]);
    expect(Value.Check(ConfigurationReports, { reports: sent })).toBe(true);
    expect(configuration.drop(['gone', 'unknown', 3])).toBe(1);
    expect(configuration.reportsToSend().map((r) => r.id)).toEqual(['bad']);
    expect(configuration.held).toBe(0);
  });
});
