import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentPaths, type AgentPaths } from '../config/agent-paths.js';

/** A temporary agent root for a unit test, and the function that removes it. */
export interface TempRoot {
  readonly root: string;
  readonly paths: AgentPaths;
  remove(): Promise<void>;
}

/** Creates a fresh temporary root; every agent path lives under it. */
export async function createTempRoot(): Promise<TempRoot> {
  const root = await mkdtemp(join(tmpdir(), 'ward-agent-unit-'));
  return { root, paths: agentPaths(root), remove: () => rm(root, { recursive: true, force: true }) };
}
