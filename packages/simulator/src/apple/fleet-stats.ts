import type { CommandSession } from './virtual-apple-device.js';

/**
 * What the virtual Apple devices of one process did so far: monotonic counts, and the one gauge
 * named so. A plain object, so it crosses the IPC channel to the parent as it is.
 */
export interface AppleFleetStats {
  readonly devices: number;
  /** Devices that finished enrolling: profile, SCEP, Authenticate and TokenUpdate. */
  readonly enrolled: number;
  readonly enrollFailures: number;
  /** Pushes that reached a device (each wakes it, or asks a running session to go round again). */
  readonly wakes: number;
  /** Command sessions run to their end (Idle, each command answered, an empty reply). */
  readonly sessions: number;
  readonly sessionFailures: number;
  /** Requests to the ServerURL: each session's Idle and each command's answer. */
  readonly roundTrips: number;
  /** Gauge: devices in a session now or waiting for a slot to start one. */
  readonly busy: number;
  /** Commands answered, by RequestType. */
  readonly commands: Readonly<Record<string, number>>;
  /** Commands answered, by Status (Acknowledged, NotNow, Error…). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly lastError: string | undefined;
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/** The stats of several processes added up (the last error of any of them kept). */
export function sumAppleFleetStats(all: readonly AppleFleetStats[]): AppleFleetStats {
  const commands: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let lastError: string | undefined;
  const total = { devices: 0, enrolled: 0, enrollFailures: 0, wakes: 0, sessions: 0, sessionFailures: 0, roundTrips: 0, busy: 0 };
  for (const s of all) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += s[key];
    addCounts(commands, s.commands);
    addCounts(statuses, s.statuses);
    lastError = s.lastError ?? lastError;
  }
  return { ...total, commands, statuses, lastError };
}

/** The mutable counters behind {@link AppleFleetStats}, kept by one process's fleet. */
export class AppleFleetCounters {
  devices = 0;
  enrolled = 0;
  enrollFailures = 0;
  wakes = 0;
  sessions = 0;
  sessionFailures = 0;
  roundTrips = 0;
  busy = 0;
  readonly #commands: Record<string, number> = {};
  readonly #statuses: Record<string, number> = {};
  lastError: string | undefined;

  /** Counts one finished session: its Idle, and each command it answered. */
  countSession(session: CommandSession): void {
    this.sessions += 1;
    this.roundTrips += 1 + session.requestTypes.length;
    for (const type of session.requestTypes) this.#commands[type] = (this.#commands[type] ?? 0) + 1;
    addCounts(this.#statuses, session.answered);
  }

  /** Keeps a failure's message, first line only and bounded: it crosses IPC on every report. */
  noteError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.lastError = text.split('\n')[0]?.slice(0, 300);
  }

  snapshot(): AppleFleetStats {
    return {
      devices: this.devices,
      enrolled: this.enrolled,
      enrollFailures: this.enrollFailures,
      wakes: this.wakes,
      sessions: this.sessions,
      sessionFailures: this.sessionFailures,
      roundTrips: this.roundTrips,
      busy: this.busy,
      commands: { ...this.#commands },
      statuses: { ...this.#statuses },
      lastError: this.lastError,
    };
  }
}
