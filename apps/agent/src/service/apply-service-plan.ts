import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Argv } from '../config/agent-config.js';
import type { ServicePlan, ServiceStep } from './service-plan.js';

/** How to carry out a plan. */
export interface ApplyServicePlanOptions {
  /** Run the `run` steps; false under `--root`, where only the files are written. */
  readonly runCommands: boolean;
  /** Where progress lines go. */
  readonly report: (line: string) => void;
  /** Stop at the first failing command (install); false keeps going (uninstall of a half-installed service). */
  readonly stopOnFailure: boolean;
}

/**
 * Carries out a service plan in order: creates folders, writes files (parents created), removes
 * files, runs commands with inherited output. Returns the commands and removals that failed (a
 * file in use cannot be removed on Windows); a folder or file that cannot be written throws.
 */
export async function applyServicePlan(plan: ServicePlan, options: ApplyServicePlanOptions): Promise<string[]> {
  const failures: string[] = [];
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'directory':
        await mkdir(step.path, { recursive: true, mode: step.mode });
        options.report(`created ${step.path}`);
        break;
      case 'write':
        await mkdir(dirname(step.path), { recursive: true });
        await writeFile(step.path, step.content, { mode: step.mode });
        await chmod(step.path, step.mode);
        options.report(`wrote ${step.path}`);
        break;
      case 'remove':
        try {
          await rm(step.path, { force: true });
        } catch (error) {
          failures.push(`remove ${step.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
          if (options.stopOnFailure) return failures;
          break;
        }
        options.report(`removed ${step.path}`);
        break;
      case 'run': {
        const line = formatArgv(step.argv);
        if (!options.runCommands) {
          options.report(`skipped (--root): ${line}`);
          break;
        }
        options.report(`running: ${line}`);
        const code = await runInherited(step.argv);
        if (code !== 0) {
          failures.push(`${line} (exit ${code ?? 'signal'})`);
          if (options.stopOnFailure) return failures;
        }
        break;
      }
    }
  }
  return failures;
}

/** A plan as text: each file with its content, then each command, in order, quoted for `style`'s shell. */
export function describeServicePlan(plan: ServicePlan, style: ArgvStyle = 'posix'): string {
  return plan.steps.map((step) => describeStep(step, style)).join('\n');
}

function describeStep(step: ServiceStep, style: ArgvStyle): string {
  switch (step.kind) {
    case 'write':
      return `# write ${step.path} (mode ${step.mode.toString(8).padStart(4, '0')})\n${step.content}`;
    case 'directory':
      return `# create folder ${step.path} (mode ${step.mode.toString(8).padStart(4, '0')})\n`;
    case 'remove':
      return `# remove ${step.path}\n`;
    case 'run':
      return `# run\n${formatArgv(step.argv, style)}\n`;
  }
}

/** How to quote a command line for people: a POSIX shell, or Windows' `cmd.exe`. */
export type ArgvStyle = 'posix' | 'windows';

/** A command line as a person would type it, arguments with spaces or quotes quoted. */
export function formatArgv(argv: Argv, style: ArgvStyle = 'posix'): string {
  if (style === 'windows') return argv.map((arg) => (arg === '' || /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg)).join(' ');
  return argv.map((arg) => (arg === '' || /[\s"'\\$`]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg)).join(' ');
}

function runInherited(argv: Argv): Promise<number | null> {
  const [program, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'inherit', windowsHide: true });
    child.on('error', () => {
      resolve(127);
    });
    child.on('close', (code) => {
      resolve(code);
    });
  });
}
