import type { Command } from 'commander';
import { agentPaths, type AgentPaths } from '../config/agent-paths.js';
import { agentPlatformOf, type AgentPlatform } from '../config/agent-platform.js';
import { CliExit, exitCodes } from './cli-exit.js';

/** The agent's paths under the global `--root` of the command being run. */
export function pathsOf(command: Command): AgentPaths {
  const { root } = command.optsWithGlobals<{ root?: string }>();
  return agentPaths(root ?? '/');
}

/** Whether `--root` relocates the agent (then it touches nothing of the host's services). */
export function isRelocated(paths: AgentPaths): boolean {
  return paths.root !== agentPaths('/').root;
}

/** The platform the agent runs on. @throws CliExit on an unsupported OS. */
export function currentPlatform(): AgentPlatform {
  const platform = agentPlatformOf(process.platform);
  if (platform === undefined) throw new CliExit(exitCodes.usage, [`ward-agent: ${process.platform} is not supported (Linux, macOS and Windows are)`]);
  return platform;
}
