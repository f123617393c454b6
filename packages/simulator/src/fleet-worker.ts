// A child process running a share of a virtual fleet: `fork()`ed by `forkFleetWorker`, driven over
// the IPC channel. Virtual devices run in processes of their own so the server under test does not
// share an event loop with its load, and so each process's file descriptors stay under its limit.
import type { FleetWorkerCommand, FleetWorkerEvent } from './fleet-messages.js';
import { progressEveryMs } from './fleet-messages.js';
import { runVirtualAgents, type VirtualFleet } from './virtual-fleet.js';

if (process.send === undefined) {
  console.error('fleet-worker runs as a child process with an IPC channel (see forkFleetWorker)');
  process.exit(2);
}

let fleet: VirtualFleet | undefined;
let lastSent = '';
let progress: NodeJS.Timeout | undefined;
let stopping = false;

function send(event: FleetWorkerEvent): void {
  // A parent that went away cannot be told anything (the disconnect handler ends this process); with
  // a callback, a failed send is reported there instead of as an 'error' event that would crash us.
  if (process.connected) process.send?.(event, undefined, {}, () => undefined);
}

function sendStats(force = false): void {
  if (fleet === undefined) return;
  const stats = fleet.stats();
  const text = JSON.stringify(stats);
  if (!force && text === lastSent) return;
  lastSent = text;
  send({ type: 'stats', stats });
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    clearInterval(progress);
    // Bounded: a server that stopped answering must not keep the worker alive.
    await Promise.race([fleet?.stop(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    sendStats(true);
    send({ type: 'stopped' });
  }
  // Let the last IPC messages flush before the process ends.
  setTimeout(() => process.exit(code), 50).unref();
  return new Promise<never>(() => undefined);
}

async function handle(command: FleetWorkerCommand): Promise<void> {
  switch (command.type) {
    case 'enroll': {
      if (fleet !== undefined) throw new Error('this worker has enrolled its fleet already');
      const started = Date.now();
      let enrolled = 0;
      progress = setInterval(() => {
        if (fleet === undefined) send({ type: 'stats', stats: { ...emptyProgress, agents: command.options.count, enrolled } });
        else sendStats();
      }, progressEveryMs);
      fleet = await runVirtualAgents({ ...command.options, start: false, onEnrolled: (n) => { enrolled = n; } });
      send({ type: 'enrolled', deviceIds: fleet.deviceIds, reused: fleet.stats().reused, seconds: (Date.now() - started) / 1000 });
      sendStats(true);
      return;
    }
    case 'start':
      if (fleet === undefined) throw new Error('start before enroll');
      fleet.start();
      return;
    case 'steady': {
      if (fleet === undefined) throw new Error('steady before enroll');
      const report = await fleet.steady(command.durationMs, command.warmupMs);
      sendStats(true);
      send({ type: 'steady', report });
      return;
    }
    case 'stop':
      await stop(0);
  }
}

const emptyProgress = {
  agents: 0, enrolled: 0, reused: 0, enrollFailures: 0, pushOpen: 0, pushOpened: 0, pushFailures: 0, wakes: 0, checkIns: 0, checkInsOverPush: 0, checkInFailures: 0, busy: 0,
  commandsReceived: 0, commandsMalformed: 0, commandsRefused: 0, resultsAcknowledged: 0,
  profilesApplied: 0, profilesRemoved: 0, profileReportsAcknowledged: 0, profileReportsRefused: 0, acknowledged: {}, tlsFull: 0, tlsResumed: 0, lastError: undefined,
};

process.on('message', (message: FleetWorkerCommand) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    void stop(1);
  });
});
// The parent is gone (crashed or killed): nobody will stop this fleet, so it stops itself.
process.on('disconnect', () => {
  void stop(0);
});
