import type { AppleFleetEnrollment, AppleFleetOptions, AppleIdleReport } from './fleet-devices.js';
import type { AppleFleetStats } from './fleet-stats.js';

/** Parent → Apple fleet worker. */
export type AppleFleetWorkerCommand =
  /** Make the share's devices and enroll them all. */
  | { readonly type: 'enroll'; readonly options: AppleFleetOptions }
  /** Pushes for these hex device tokens: wake the devices. */
  | { readonly type: 'wake'; readonly tokens: readonly string[] }
  /** Idle sessions back to back for a while, then report. */
  | { readonly type: 'idle'; readonly durationMs: number }
  /** Finish the sessions under way and exit. */
  | { readonly type: 'stop' };

/** Apple fleet worker → parent. */
export type AppleFleetWorkerEvent =
  /** Loaded and listening for commands: sent once, first. */
  | { readonly type: 'ready' }
  | ({ readonly type: 'enrolled' } & AppleFleetEnrollment)
  /** Sent every `appleProgressEveryMs` while anything changed, and after each command. */
  | { readonly type: 'stats'; readonly stats: AppleFleetStats }
  | { readonly type: 'idled'; readonly report: AppleIdleReport }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** How often a worker reports its stats while they change. */
export const appleProgressEveryMs = 50;
