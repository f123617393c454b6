import { readFile } from 'node:fs/promises';
import { isRecord } from '../storage/is-record.js';
import type { AgentPlatform } from './agent-platform.js';

/** Log levels, most severe first. */
export const logLevels = ['error', 'warn', 'info', 'debug'] as const;
/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];

/** A command line, program first, run without a shell. */
export type Argv = readonly [string, ...string[]];

/** The agent's configuration (`<root>/etc/ward-agent/agent.json`); every field is optional in the file. */
export interface AgentConfig {
  /** The host commands behind the remote actions that act on the machine. */
  readonly actions: {
    /** Locks every session. Linux: `loginctl lock-sessions`; macOS: `pmset displaysleepnow`; Windows: `rundll32.exe user32.dll,LockWorkStation`. */
    readonly lock: Argv;
    /** Restarts the machine. Linux: `systemctl reboot`; macOS: `shutdown -r now`; Windows: `shutdown.exe /r /t 0`. */
    readonly restart: Argv;
  };
  /**
   * Corporate data folders that `retire` deletes, as absolute host paths (relocated under `--root`).
   * Default: none.
   */
  readonly managedPaths: readonly string[];
  /** How much the agent logs to standard error. Default `info`. */
  readonly logLevel: LogLevel;
}

/** The defaults of every option for `platform`: the one place they are written down. */
export function defaultAgentConfig(platform: AgentPlatform): AgentConfig {
  const actions: Record<AgentPlatform, AgentConfig['actions']> = {
    linux: { lock: ['loginctl', 'lock-sessions'], restart: ['systemctl', 'reboot'] },
    macos: { lock: ['pmset', 'displaysleepnow'], restart: ['shutdown', '-r', 'now'] },
    windows: { lock: ['rundll32.exe', 'user32.dll,LockWorkStation'], restart: ['shutdown.exe', '/r', '/t', '0'] },
  };
  return { actions: actions[platform], managedPaths: [], logLevel: 'info' };
}

/** A configuration file that cannot be used; `problems` lists every mistake, one line each. */
export class AgentConfigError extends Error {
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`${file}: ${problems.join('; ')}`, options);
    this.name = 'AgentConfigError';
    this.problems = problems;
  }
}

/**
 * Reads the configuration file, validates it and merges it over the platform defaults. A missing
 * file means all defaults: the agent needs no configuration to run. Unknown keys are refused so a
 * misspelt option does not silently fall back to its default.
 *
 * @throws AgentConfigError for unreadable JSON or invalid values.
 */
export async function loadAgentConfig(file: string, platform: AgentPlatform): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Object.freeze(defaultAgentConfig(platform));
    throw new AgentConfigError(file, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AgentConfigError(file, ['is not valid JSON'], { cause: error });
  }
  return parseAgentConfig(raw, platform, file);
}

/** Validates a parsed configuration object and merges it over the defaults. @throws AgentConfigError */
export function parseAgentConfig(raw: unknown, platform: AgentPlatform, file = 'configuration'): AgentConfig {
  const defaults = defaultAgentConfig(platform);
  const problems: string[] = [];
  if (!isRecord(raw)) throw new AgentConfigError(file, ['must be a JSON object']);
  for (const key of Object.keys(raw)) if (!['actions', 'managedPaths', 'logLevel'].includes(key)) problems.push(`unknown option "${key}"`);

  let actions = defaults.actions;
  if (raw.actions !== undefined) {
    if (!isRecord(raw.actions)) {
      problems.push('actions must be an object');
    } else {
      for (const key of Object.keys(raw.actions)) if (key !== 'lock' && key !== 'restart') problems.push(`unknown action "actions.${key}"`);
      const lock = raw.actions.lock === undefined ? defaults.actions.lock : parseArgv(raw.actions.lock, 'actions.lock', problems);
      const restart = raw.actions.restart === undefined ? defaults.actions.restart : parseArgv(raw.actions.restart, 'actions.restart', problems);
      if (lock !== undefined && restart !== undefined) actions = { lock, restart };
    }
  }

  let managedPaths = defaults.managedPaths;
  if (raw.managedPaths !== undefined) {
    if (!Array.isArray(raw.managedPaths) || !raw.managedPaths.every((p): p is string => typeof p === 'string')) {
      problems.push('managedPaths must be an array of absolute paths');
    } else {
      const bad = raw.managedPaths.filter((p) => !isSafeManagedPath(p));
      if (bad.length > 0) problems.push(`managedPaths must be absolute folder paths other than a filesystem root, got ${bad.map((p) => JSON.stringify(p)).join(', ')}`);
      else managedPaths = [...raw.managedPaths];
    }
  }

  let logLevel = defaults.logLevel;
  if (raw.logLevel !== undefined) {
    if (typeof raw.logLevel === 'string' && (logLevels as readonly string[]).includes(raw.logLevel)) logLevel = raw.logLevel as LogLevel;
    else problems.push(`logLevel must be one of ${logLevels.join(', ')}`);
  }

  if (problems.length > 0) throw new AgentConfigError(file, problems);
  return Object.freeze({ actions: Object.freeze(actions), managedPaths: Object.freeze(managedPaths), logLevel });
}

function parseArgv(value: unknown, name: string, problems: string[]): Argv | undefined {
  if (Array.isArray(value) && value.length > 0 && value.every((v): v is string => typeof v === 'string' && v.length > 0)) {
    const [program, ...args] = value;
    if (program !== undefined) return [program, ...args];
  }
  problems.push(`${name} must be a non-empty array of strings (program, then arguments)`);
  return undefined;
}

// Retire deletes these folders recursively; a root or a relative path would be a disaster.
function isSafeManagedPath(path: string): boolean {
  const posix = path.startsWith('/') && path.replace(/\/+$/, '') !== '' && !path.split('/').includes('..');
  const windows = /^[A-Za-z]:\\[^\\]/.test(path) && !path.split('\\').includes('..');
  return posix || windows;
}
