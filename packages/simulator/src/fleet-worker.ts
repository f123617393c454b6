// A child process running a share of a virtual fleet: `fork()`ed by `FleetWorker`, driven over
// the IPC channel. Virtual devices run in processes of their own so the server under test does not
// share an event loop with its load, and so each process's file descriptors stay under its limit.
import type { FleetWorkerCommand, FleetWorkerEvent } from './fleet-messages.js';
import { progressEveryMs } from './fleet-messages.js';
import type { FleetStats } from './fleet-stats.js';
import { runVirtualAgents, type VirtualFleet } from './virtual-fleet.js';
import { WorkerChild } from './worker-child.js';

let fleet: VirtualFleet | undefined;
let progress: NodeJS.Timeout | undefined;

const worker = new WorkerChild<FleetWorkerCommand, FleetWorkerEvent, FleetStats>({
  name: 'fleet-worker',
  parent: 'FleetWorker',
  stats: () => fleet?.stats(),
  close: () => fleet?.stop(),
  onStopping: () => {
    clearInterval(progress);
  },
});

const emptyProgress = {
  agents: 0, enrolled: 0, reused: 0, enrollFailures: 0, pushOpen: 0, pushOpened: 0, pushFailures: 0, pushNoiseOpen: 0, pushNoiseOpened: 0, pushNoiseFailures: 0, noiseOffers: 0,
  wakes: 0, checkIns: 0, checkInsOverPush: 0, checkInsOverNoise: 0, checkInFailures: 0, busy: 0,
  commandsReceived: 0, commandsMalformed: 0, commandsRefused: 0, resultsAcknowledged: 0,
  profilesApplied: 0, profilesRemoved: 0, profileReportsAcknowledged: 0, profileReportsRefused: 0, acknowledged: {}, tlsFull: 0, tlsResumed: 0, lastError: undefined,
};

worker.listen(async (command) => {
  switch (command.type) {
    case 'enroll': {
      if (fleet !== undefined) throw new Error('this worker has enrolled its fleet already');
      const started = Date.now();
      let enrolled = 0;
      progress = setInterval(() => {
        if (fleet === undefined) worker.send({ type: 'stats', stats: { ...emptyProgress, agents: command.options.count, enrolled } });
        else worker.sendStats();
      }, progressEveryMs);
      fleet = await runVirtualAgents({ ...command.options, start: false, onEnrolled: (n) => { enrolled = n; } });
      worker.send({ type: 'enrolled', deviceIds: fleet.deviceIds, reused: fleet.stats().reused, seconds: (Date.now() - started) / 1000 });
      worker.sendStats(true);
      return;
    }
    case 'start':
      if (fleet === undefined) throw new Error('start before enroll');
      fleet.start();
      return;
    case 'steady': {
      if (fleet === undefined) throw new Error('steady before enroll');
      const report = await fleet.steady(command.durationMs, command.warmupMs);
      worker.sendStats(true);
      worker.send({ type: 'steady', report });
      return;
    }
  }
});
