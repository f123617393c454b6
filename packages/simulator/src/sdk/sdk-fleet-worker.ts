// A child process running a share of virtual SDK apps, `fork()`ed by SdkFleetWorker and driven
// over the IPC channel: the apps' CPU (an ES256 signature per check-in, TLS) stays out of the
// server's and the benchmark's event loops.
import { WorkerChild } from '../worker-child.js';
import { SdkFleetApps } from './sdk-fleet-apps.js';
import { sdkProgressEveryMs, type SdkFleetWorkerCommand, type SdkFleetWorkerEvent } from './sdk-fleet-messages.js';
import type { SdkFleetStats } from './sdk-fleet-stats.js';

let fleet: SdkFleetApps | undefined;

const worker = new WorkerChild<SdkFleetWorkerCommand, SdkFleetWorkerEvent, SdkFleetStats>({
  name: 'sdk/sdk-fleet-worker',
  parent: 'SdkFleetWorker',
  stats: () => fleet?.stats(),
  close: () => fleet?.close(),
  onStopping: () => {
    clearInterval(progress);
  },
});
const progress = setInterval(() => {
  worker.sendStats();
}, sdkProgressEveryMs);

function loaded(): SdkFleetApps {
  if (fleet === undefined) throw new Error('load the share first');
  return fleet;
}

worker.listen(async (command) => {
  switch (command.type) {
    case 'load': {
      if (fleet !== undefined) throw new Error('this worker has its share already');
      fleet = new SdkFleetApps(command.options);
      worker.sendStats(true);
      worker.send({ type: 'loaded', apps: fleet.stats().apps });
      return;
    }
    case 'steady': {
      const report = await loaded().steady(command.durationMs, command.warmupMs);
      worker.sendStats(true);
      worker.send({ type: 'steadied', report });
      return;
    }
    case 'pace':
      loaded().pace(command.apps, command.intervalMs, command.jitter);
      worker.send({ type: 'pacing' });
      return;
    case 'halt': {
      const report = await loaded().halt();
      worker.sendStats(true);
      worker.send({ type: 'halted', report });
      return;
    }
    case 'pickups':
      worker.send({ type: 'pickups', report: loaded().pickups(command.version) });
      return;
  }
});
worker.send({ type: 'ready' });
