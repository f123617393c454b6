import { appLimits } from '@ward/agent-protocol';
import type { BoundedRun } from '../process/run-bounded.js';

/**
 * How handling one app ended. `retryLater` is a passing problem (the server unreachable in the
 * middle of a download): nothing is reported, so the server offers the app again at the next
 * check-in and the download resumes where it stopped.
 */
export type AppOutcome =
  | { readonly status: 'installed'; readonly installedVersion?: string }
  | { readonly status: 'removed'; readonly note?: string }
  | { readonly status: 'failed' | 'notApplicable' | 'retryLater'; readonly error: string };

/** A failure with its reason. */
export function failedApp(error: string): AppOutcome {
  return { status: 'failed', error };
}

/** Not applicable on this device, with the reason. */
export function notApplicableApp(error: string): AppOutcome {
  return { status: 'notApplicable', error };
}

/** `text` cut to what a report's `error` may hold. */
export function clipReportText(text: string): string {
  return text.length <= appLimits.errorChars ? text : `${text.slice(0, appLimits.errorChars - 1)}…`;
}

/**
 * Why a tool run failed, with the end of what it printed: package tools print progress first and
 * the reason last, so the tail is what the administrator needs.
 */
export function describeToolFailure(tool: string, run: BoundedRun): string {
  const head = run.failure !== undefined ? `${tool}: ${run.failure.message}` : `${tool} exited with code ${run.exitCode ?? 'none'}`;
  const output = run.output.trim();
  if (output === '') return head;
  const room = appLimits.errorChars - head.length - 3;
  const tail = output.length <= room ? output : `…${output.slice(output.length - room + 1)}`;
  return `${head}: ${tail}`;
}

/** Whether a tool ran to its end with exit code 0. */
export function succeeded(run: BoundedRun): boolean {
  return run.failure === undefined && run.exitCode === 0;
}
