import type { FleetStats } from './fleet-stats.js';
import type { SteadyReport, VirtualFleetOptions } from './virtual-fleet.js';

/** The options a fleet worker runs with: a fleet's, less what cannot cross a process boundary. */
export type FleetWorkerOptions = Omit<VirtualFleetOptions, 'start' | 'random' | 'onEnrolled'>;

/** Parent → worker. */
export type FleetWorkerCommand =
  /** Enroll the share of the fleet (not started yet). */
  | { readonly type: 'enroll'; readonly options: FleetWorkerOptions }
  /** Start every agent: push socket and first check-in. */
  | { readonly type: 'start' }
  /** Check in back to back for a while and report. */
  | { readonly type: 'steady'; readonly durationMs: number; readonly warmupMs: number }
  /** Stop every agent and exit. */
  | { readonly type: 'stop' };

/** Worker → parent. */
export type FleetWorkerEvent =
  /** Enrolled (`reused` of them taken from the identity cache). */
  | { readonly type: 'enrolled'; readonly deviceIds: readonly string[]; readonly reused: number; readonly seconds: number }
  /** Sent every `progressEveryMs` while anything changed, and after each command. */
  | { readonly type: 'stats'; readonly stats: FleetStats }
  | { readonly type: 'steady'; readonly report: SteadyReport }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** How often a worker reports its stats while they change. */
export const progressEveryMs = 50;
