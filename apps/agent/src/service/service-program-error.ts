import { posix, win32 } from 'node:path';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { ServiceProgram } from './service-plan.js';

/** A service program that cannot be installed; `problems` lists every mistake, one line each. */
export class ServiceProgramError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ServiceProgramError';
    this.problems = problems;
  }
}

/**
 * What is wrong with `program` as the program of a service on `platform`, empty when nothing is.
 * A service starts in another directory than the person installing it, so relative paths would
 * name other files; a control character would end a line of the systemd unit and start a
 * directive of its own; a double quote cannot be in a Windows file name and would end the quoted
 * binary path of the service.
 */
export function serviceProgramProblems(platform: AgentPlatform, program: ServiceProgram): string[] {
  const problems: string[] = [];
  const flavour = platform === 'windows' ? win32 : posix;
  const paths: [string, string | undefined][] = [['--node', program.nodePath], ['--agent', program.agentPath], ['the C# compiler path', program.cscPath]];
  for (const [name, path] of paths) {
    if (path === undefined) continue;
    if (path === '' || !flavour.isAbsolute(path)) problems.push(`${name} must be an absolute path, not ${JSON.stringify(path)}`);
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    if (/[\u0000-\u001f\u007f]/.test(path)) problems.push(`${name} must not contain control characters: ${JSON.stringify(path)}`);
    if (platform === 'windows' && path.includes('"')) problems.push(`${name} must not contain a double quote: ${JSON.stringify(path)}`);
  }
  return problems;
}
