// A child process running a share of a virtual Apple fleet, `fork()`ed by AppleFleetWorker and
// driven over the IPC channel: the devices' CPU (signing every message, SCEP) stays out of the
// server's and the load generator's event loops, and their sockets within one process's limit.
import { AppleFleetDevices } from './fleet-devices.js';
import { appleProgressEveryMs, type AppleFleetWorkerCommand, type AppleFleetWorkerEvent } from './fleet-messages.js';

if (process.send === undefined) {
  console.error('apple/fleet-worker runs as a child process with an IPC channel (see AppleFleetWorker)');
  process.exit(2);
}

let fleet: AppleFleetDevices | undefined;
let lastSent = '';
let stopping = false;
const progress = setInterval(() => {
  sendStats();
}, appleProgressEveryMs);

function send(event: AppleFleetWorkerEvent): void {
  // A parent that went away hears nothing (the disconnect handler ends this process); with a
  // callback, a failed send is reported there instead of as an 'error' event that would crash us.
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
    await Promise.race([fleet?.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    sendStats(true);
    send({ type: 'stopped' });
  }
  // Let the last IPC messages flush before the process ends.
  setTimeout(() => process.exit(code), 50).unref();
  return new Promise<never>(() => undefined);
}

async function handle(command: AppleFleetWorkerCommand): Promise<void> {
  switch (command.type) {
    case 'enroll': {
      if (fleet !== undefined) throw new Error('this worker has enrolled its fleet already');
      fleet = new AppleFleetDevices(command.options);
      const enrolled = await fleet.enroll();
      sendStats(true);
      send({ type: 'enrolled', ...enrolled });
      return;
    }
    case 'wake':
      if (fleet === undefined) throw new Error('wake before enroll');
      fleet.wake(command.tokens);
      return;
    case 'idle': {
      if (fleet === undefined) throw new Error('idle before enroll');
      const report = await fleet.idle(command.durationMs);
      sendStats(true);
      send({ type: 'idled', report });
      return;
    }
    case 'stop':
      await stop(0);
  }
}

process.on('message', (message: AppleFleetWorkerCommand) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    void stop(1);
  });
});
// The parent is gone (crashed or killed): nobody will stop this fleet, so it stops itself.
process.on('disconnect', () => {
  void stop(0);
});
send({ type: 'ready' });
