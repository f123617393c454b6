import type { SdkFleetOptions, SdkPaceReport, SdkPickupReport, SdkSteadyReport } from './sdk-fleet-apps.js';
import type { SdkFleetStats } from './sdk-fleet-stats.js';

/** Parent → SDK fleet worker. */
export type SdkFleetWorkerCommand =
  /** Take over the share's registrations (nothing is sent yet). */
  | { readonly type: 'load'; readonly options: SdkFleetOptions }
  /** Check-ins back to back for a window, then report. */
  | { readonly type: 'steady'; readonly durationMs: number; readonly warmupMs: number }
  /** The first `apps` apps check in on their own schedule until `halt`. */
  | { readonly type: 'pace'; readonly apps: number; readonly intervalMs: number; readonly jitter: number }
  | { readonly type: 'halt' }
  /** Report when each app first applied this policy version. */
  | { readonly type: 'pickups'; readonly version: string }
  /** Finish the check-ins under way and exit. */
  | { readonly type: 'stop' };

/** SDK fleet worker → parent. */
export type SdkFleetWorkerEvent =
  /** Loaded and listening for commands: sent once, first. */
  | { readonly type: 'ready' }
  | { readonly type: 'loaded'; readonly apps: number }
  | { readonly type: 'steadied'; readonly report: SdkSteadyReport }
  | { readonly type: 'pacing' }
  | { readonly type: 'halted'; readonly report: SdkPaceReport }
  | { readonly type: 'pickups'; readonly report: SdkPickupReport }
  /** Sent every `sdkProgressEveryMs` while anything changed, and after each command. */
  | { readonly type: 'stats'; readonly stats: SdkFleetStats }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** How often a worker reports its stats while they change. */
export const sdkProgressEveryMs = 100;
