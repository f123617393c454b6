// A child process running a share of a virtual Apple fleet, `fork()`ed by AppleFleetWorker and
// driven over the IPC channel: the devices' CPU (signing every message, SCEP) stays out of the
// server's and the load generator's event loops, and their sockets within one process's limit.
import { WorkerChild } from '../worker-child.js';
import { AppleFleetDevices } from './fleet-devices.js';
import { appleProgressEveryMs, type AppleFleetWorkerCommand, type AppleFleetWorkerEvent } from './fleet-messages.js';
import type { AppleFleetStats } from './fleet-stats.js';

let fleet: AppleFleetDevices | undefined;

const worker = new WorkerChild<AppleFleetWorkerCommand, AppleFleetWorkerEvent, AppleFleetStats>({
  name: 'apple/fleet-worker',
  parent: 'AppleFleetWorker',
  stats: () => fleet?.stats(),
  close: () => fleet?.close(),
  onStopping: () => {
    clearInterval(progress);
  },
});
const progress = setInterval(() => {
  worker.sendStats();
}, appleProgressEveryMs);

worker.listen(async (command) => {
  switch (command.type) {
    case 'enroll': {
      if (fleet !== undefined) throw new Error('this worker has enrolled its fleet already');
      fleet = new AppleFleetDevices(command.options);
      const enrolled = await fleet.enroll();
      worker.sendStats(true);
      worker.send({ type: 'enrolled', ...enrolled });
      return;
    }
    case 'wake':
      if (fleet === undefined) throw new Error('wake before enroll');
      fleet.wake(command.tokens);
      return;
    case 'idle': {
      if (fleet === undefined) throw new Error('idle before enroll');
      const report = await fleet.idle(command.durationMs);
      worker.sendStats(true);
      worker.send({ type: 'idled', report });
      return;
    }
  }
});
worker.send({ type: 'ready' });
