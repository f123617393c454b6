import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { runBounded, type BoundedRun } from '../process/run-bounded.js';

/** How to run one package tool. */
export interface AppToolRunOptions {
  /** Killed (with its process group) after this long. */
  readonly timeoutMs: number;
  /** Variables set on top of the agent's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Aborting kills the tool, e.g. when the agent stops. */
  readonly signal?: AbortSignal;
}

/**
 * The package tools of the machine the agent manages. Tools are looked up before they run, so a
 * tool this host lacks (no flatpak, no snapd) is reported as not applicable instead of failing.
 */
export interface AppTools {
  /** The absolute path of the executable `name` on this host's search path, or undefined when there is none. */
  which(name: string): Promise<string | undefined>;
  /** Runs `argv` (argv[0] an absolute path from {@link which}) without a shell, bounded in time and output. */
  run(argv: readonly [string, ...string[]], options: AppToolRunOptions): Promise<BoundedRun>;
}

// apt-get prints progress for every package; the reason of a failure is at the end of this.
const OUTPUT_BYTES = 256 * 1024;
// Tools print in the C locale so what the agent reads back ("Version: 1.2") is not translated.
const LOCALE = { LC_ALL: 'C', LANG: 'C' } as const;

/**
 * The real tools: executables found on `searchPath` (the agent's `PATH` by default; on Windows
 * with the `PATHEXT` extensions), run through {@link runBounded}.
 */
export function hostAppTools(searchPath: readonly string[] = defaultSearchPath()): AppTools {
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '')] : [''];
  return {
    async which(name) {
      if (name.includes('/') || name.includes('\\')) return undefined;
      for (const dir of searchPath) {
        if (!isAbsolute(dir)) continue;
        for (const extension of extensions) {
          const candidate = join(dir, `${name}${extension}`);
          if (await isExecutableFile(candidate)) return candidate;
        }
      }
      return undefined;
    },
    run(argv, options) {
      return runBounded(argv, {
        timeoutMs: options.timeoutMs,
        maxOutputBytes: OUTPUT_BYTES,
        env: { ...LOCALE, ...options.env },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    },
  };
}

function defaultSearchPath(): string[] {
  const path = process.env.PATH ?? process.env.Path ?? '';
  const dirs = path.split(delimiter).filter((dir) => dir !== '');
  // A service manager may start the agent with a short PATH; package tools live in the sbin folders too.
  if (process.platform !== 'win32') for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (!dirs.includes(dir)) dirs.push(dir);
  return dirs;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    if (process.platform !== 'win32') await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
