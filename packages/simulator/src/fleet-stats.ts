/** Results the server acknowledged for one command type. */
export interface AcknowledgedResults {
  readonly succeeded: number;
  readonly failed: number;
  /** When the last of them was acknowledged, epoch milliseconds (0: never). */
  readonly lastAt: number;
}

/**
 * What the virtual agents of one process did so far: monotonic counts, and the few gauges named so.
 * A plain object, so it crosses the IPC channel to the parent as it is.
 */
export interface FleetStats {
  readonly agents: number;
  /** Devices ready to run: enrolled now, or taken from the identity cache. */
  readonly enrolled: number;
  /** Of those, taken from the identity cache. */
  readonly reused: number;
  readonly enrollFailures: number;
  /** Gauge: agents with a push channel open now (the TLS socket or the Noise channel). */
  readonly pushOpen: number;
  /** Push channels opened (TLS sockets and Noise handshakes completed), reconnections included. */
  readonly pushOpened: number;
  /** Push channel attempts that failed, and Noise channels broken by a protocol error (Noise's included). */
  readonly pushFailures: number;
  /** Gauge: Noise push channels open now (handshake done). */
  readonly pushNoiseOpen: number;
  /** Of `pushOpened`, the Noise channels. */
  readonly pushNoiseOpened: number;
  /** Of `pushFailures`, the Noise ones: refused upgrades, failed handshakes, protocol errors, unusable offers. */
  readonly pushNoiseFailures: number;
  /** Noise push offers received in check-in answers. */
  readonly noiseOffers: number;
  readonly wakes: number;
  readonly checkIns: number;
  /** Of those, the ones made over a push channel (TLS socket or Noise); the rest went over HTTPS. */
  readonly checkInsOverPush: number;
  /** Of `checkInsOverPush`, the ones made over the Noise channel. */
  readonly checkInsOverNoise: number;
  readonly checkInFailures: number;
  /** Gauge: agents checking in now or waiting for a slot to. */
  readonly busy: number;
  readonly commandsReceived: number;
  /** Commands that did not match the protocol and were dropped unanswered. */
  readonly commandsMalformed: number;
  /** Commands refused before running: signature invalid or expired (reported failed). */
  readonly commandsRefused: number;
  readonly resultsAcknowledged: number;
  /** Configuration profiles "applied" (simulated) and removed on the server's word. */
  readonly profilesApplied: number;
  readonly profilesRemoved: number;
  /** Configuration reports the server accepted. */
  readonly profileReportsAcknowledged: number;
  /** Configuration reports the server refused (CONFIGURATION_REPORT_UNKNOWN) and the agent dropped. */
  readonly profileReportsRefused: number;
  /** Acknowledged results by command type. */
  readonly acknowledged: Readonly<Record<string, AcknowledgedResults>>;
  /** TLS handshakes of HTTPS check-in connections: full, and resumed from the device's last session. */
  readonly tlsFull: number;
  readonly tlsResumed: number;
  readonly lastError: string | undefined;
}

/** The mutable counters behind {@link FleetStats}, shared by the virtual agents of one process. */
export class FleetCounters {
  agents = 0;
  enrolled = 0;
  reused = 0;
  enrollFailures = 0;
  pushOpen = 0;
  pushOpened = 0;
  pushFailures = 0;
  pushNoiseOpen = 0;
  pushNoiseOpened = 0;
  pushNoiseFailures = 0;
  noiseOffers = 0;
  wakes = 0;
  checkIns = 0;
  checkInsOverPush = 0;
  checkInsOverNoise = 0;
  checkInFailures = 0;
  busy = 0;
  commandsReceived = 0;
  commandsMalformed = 0;
  commandsRefused = 0;
  resultsAcknowledged = 0;
  profilesApplied = 0;
  profilesRemoved = 0;
  profileReportsAcknowledged = 0;
  profileReportsRefused = 0;
  tlsFull = 0;
  tlsResumed = 0;
  lastError: string | undefined;
  readonly #acknowledged = new Map<string, { succeeded: number; failed: number; lastAt: number }>();

  /** Counts one result the server acknowledged. */
  acknowledge(type: string, status: 'succeeded' | 'failed', at: number): void {
    let entry = this.#acknowledged.get(type);
    if (entry === undefined) {
      entry = { succeeded: 0, failed: 0, lastAt: 0 };
      this.#acknowledged.set(type, entry);
    }
    entry[status]++;
    entry.lastAt = Math.max(entry.lastAt, at);
    this.resultsAcknowledged++;
  }

  /** Remembers the latest failure, cut short, for the progress report. */
  fail(message: string): void {
    this.lastError = message.slice(0, 300);
  }

  /** A copy of the counts now. */
  snapshot(): FleetStats {
    return {
      agents: this.agents,
      enrolled: this.enrolled,
      reused: this.reused,
      enrollFailures: this.enrollFailures,
      pushOpen: this.pushOpen,
      pushOpened: this.pushOpened,
      pushFailures: this.pushFailures,
      pushNoiseOpen: this.pushNoiseOpen,
      pushNoiseOpened: this.pushNoiseOpened,
      pushNoiseFailures: this.pushNoiseFailures,
      noiseOffers: this.noiseOffers,
      wakes: this.wakes,
      checkIns: this.checkIns,
      checkInsOverPush: this.checkInsOverPush,
      checkInsOverNoise: this.checkInsOverNoise,
      checkInFailures: this.checkInFailures,
      busy: this.busy,
      commandsReceived: this.commandsReceived,
      commandsMalformed: this.commandsMalformed,
      commandsRefused: this.commandsRefused,
      resultsAcknowledged: this.resultsAcknowledged,
      profilesApplied: this.profilesApplied,
      profilesRemoved: this.profilesRemoved,
      profileReportsAcknowledged: this.profileReportsAcknowledged,
      profileReportsRefused: this.profileReportsRefused,
      acknowledged: Object.fromEntries([...this.#acknowledged].map(([type, entry]) => [type, { ...entry }])),
      tlsFull: this.tlsFull,
      tlsResumed: this.tlsResumed,
      lastError: this.lastError,
    };
  }
}

/** The stats of several processes as one. Gauges add up too: each process counts its own agents. */
export function sumFleetStats(all: readonly FleetStats[]): FleetStats {
  const acknowledged: Record<string, AcknowledgedResults> = {};
  for (const stats of all) {
    for (const [type, entry] of Object.entries(stats.acknowledged)) {
      const sum = acknowledged[type] ?? { succeeded: 0, failed: 0, lastAt: 0 };
      acknowledged[type] = { succeeded: sum.succeeded + entry.succeeded, failed: sum.failed + entry.failed, lastAt: Math.max(sum.lastAt, entry.lastAt) };
    }
  }
  const add = (key: keyof Omit<FleetStats, 'acknowledged' | 'lastError'>): number => all.reduce((n, stats) => n + stats[key], 0);
  return {
    agents: add('agents'),
    enrolled: add('enrolled'),
    reused: add('reused'),
    enrollFailures: add('enrollFailures'),
    pushOpen: add('pushOpen'),
    pushOpened: add('pushOpened'),
    pushFailures: add('pushFailures'),
    pushNoiseOpen: add('pushNoiseOpen'),
    pushNoiseOpened: add('pushNoiseOpened'),
    pushNoiseFailures: add('pushNoiseFailures'),
    noiseOffers: add('noiseOffers'),
    wakes: add('wakes'),
    checkIns: add('checkIns'),
    checkInsOverPush: add('checkInsOverPush'),
    checkInsOverNoise: add('checkInsOverNoise'),
    checkInFailures: add('checkInFailures'),
    busy: add('busy'),
    commandsReceived: add('commandsReceived'),
    commandsMalformed: add('commandsMalformed'),
    commandsRefused: add('commandsRefused'),
    resultsAcknowledged: add('resultsAcknowledged'),
    profilesApplied: add('profilesApplied'),
    profilesRemoved: add('profilesRemoved'),
    profileReportsAcknowledged: add('profileReportsAcknowledged'),
    profileReportsRefused: add('profileReportsRefused'),
    acknowledged,
    tlsFull: add('tlsFull'),
    tlsResumed: add('tlsResumed'),
    lastError: all.map((stats) => stats.lastError).find((error) => error !== undefined),
  };
}
