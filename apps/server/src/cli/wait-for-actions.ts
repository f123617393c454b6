import { listDeviceActions, type CommandState, type Deps, type ListDeviceActionsStores, type Principal } from '@ward/core';
import type { CliIo } from '@ward/cli-kit';

/** A requested action to follow. */
export interface FollowedAction {
  readonly deviceId: string;
  readonly commandId: string;
}

/** Where a followed action ended up; `timedOut` when the wait ended first. */
export interface WaitedAction extends FollowedAction {
  readonly status: CommandState | 'timedOut';
  readonly result: Readonly<Record<string, unknown>> | null;
}

/** How to wait. */
export interface WaitOptions {
  readonly io: CliIo;
  readonly timeoutMs: number;
  /** Between two looks at the database; 1 s. */
  readonly pollMs?: number;
  /** Between two "still waiting" lines when nothing changed; 15 s. */
  readonly reportEveryMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type WaitForActionsDeps = Deps<ListDeviceActionsStores>;

/** What a finished action reported, in one line: exit code and output for scripts, the error for failures. */
export function resultSummary(result: Readonly<Record<string, unknown>> | null): string {
  if (result === null) return '';
  const parts: string[] = [];
  if (typeof result.exitCode === 'number') parts.push(`exit ${result.exitCode}`);
  if (typeof result.error === 'string' && result.error !== '') parts.push(result.error);
  if (typeof result.output === 'string' && result.output !== '') parts.push(`output: ${JSON.stringify(result.output.length > 200 ? `${result.output.slice(0, 200)}…` : result.output)}`);
  return parts.join('; ');
}

/**
 * Follows actions until each has a final status (succeeded, failed, expired, canceled) or the
 * timeout passes. Each change of a device's status is printed on standard output as it is seen
 * (`sent` when the device fetched the command, then the outcome with the script's exit code and
 * output), with a "still waiting" line on standard error while nothing changes. The actions stay
 * queued when the wait gives up.
 */
export async function waitForActions(deps: WaitForActionsDeps, principal: Principal, actions: readonly FollowedAction[], options: WaitOptions): Promise<WaitedAction[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 1000;
  const reportEveryMs = options.reportEveryMs ?? 15_000;
  const { io } = options;
  const started = now();
  let lastReport = started;
  const state = new Map<string, WaitedAction>(actions.map((a) => [a.commandId, { ...a, status: 'pending', result: null }]));
  const open = (): WaitedAction[] => [...state.values()].filter((a) => a.status === 'pending' || a.status === 'sent');

  io.stderr.write(`Waiting for ${actions.length === 1 ? 'the device' : `${actions.length} devices`} (up to ${Math.round(options.timeoutMs / 1000)} s)…\n`);
  for (;;) {
    let changed = false;
    for (const action of open()) {
      const page = await listDeviceActions(deps, principal, action.deviceId, { limit: 50 });
      // A device deleted meanwhile: its commands went with it.
      const found = page.ok ? page.value.items.find((item) => item.id === action.commandId) : undefined;
      const status: WaitedAction['status'] = found?.status ?? (page.ok ? action.status : 'canceled');
      if (status === action.status) continue;
      const next: WaitedAction = { ...action, status, result: found?.result ?? null };
      state.set(action.commandId, next);
      changed = true;
      const summary = resultSummary(next.result);
      io.stdout.write(`${action.deviceId}  ${status}${summary === '' ? '' : `  ${summary}`}\n`);
    }
    const remaining = open();
    const done = actions.length - remaining.length;
    if (remaining.length === 0) break;
    const elapsed = now() - started;
    if (elapsed >= options.timeoutMs) {
      for (const a of remaining) state.set(a.commandId, { ...a, status: 'timedOut' });
      io.stderr.write(`Stopped waiting after ${Math.round(elapsed / 1000)} s: ${remaining.length} still ${remaining.length === 1 ? 'has' : 'have'} not reported (the action stays queued; \`ward device show ID\` shows it later).\n`);
      return [...state.values()];
    }
    if (changed) lastReport = now();
    else if (now() - lastReport >= reportEveryMs) {
      lastReport = now();
      io.stderr.write(`Still waiting: ${done} of ${actions.length} finished after ${Math.round(elapsed / 1000)} s.\n`);
    }
    await sleep(pollMs);
  }
  const results = [...state.values()];
  const succeeded = results.filter((r) => r.status === 'succeeded').length;
  io.stderr.write(`Done: ${succeeded} of ${actions.length} succeeded.\n`);
  return results;
}
