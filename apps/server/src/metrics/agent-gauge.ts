import { Gauge, type Registry } from 'prom-client';

/** `ward_agents_connected`: agents holding a push socket to this process, read at each scrape. */
export function registerAgentGauge(registry: Registry, connected: () => number): Gauge {
  return new Gauge({
    name: 'ward_agents_connected',
    help: 'Agents holding a push WebSocket to this process.',
    registers: [registry],
    collect() {
      this.set(connected());
    },
  });
}
