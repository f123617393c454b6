/**
 * @ward/agent: the Ward device agent (`ward-agent`). The package's public face is its CLI; the
 * pieces below are exported for the simulator and for tests that drive the agent in-process.
 */
export { createProgram, main } from './cli/main.js';
export { agentPaths, type AgentPaths } from './config/agent-paths.js';
export { AgentService, type AgentServiceEnd, type AgentServiceOptions } from './runtime/agent-service.js';
export { agentVersion } from './version.js';
