import { fileURLToPath } from 'node:url';
import type { ServiceProgram } from '../../service/service-plan.js';

/** The Node.js and launcher paths a service should run: this very installation, unless overridden. */
export function serviceProgram(overrides: { node?: string; agent?: string }): ServiceProgram {
  return {
    nodePath: overrides.node ?? process.execPath,
    // Three levels up from dist/cli/commands/ (or src/cli/commands/) is the package folder.
    agentPath: overrides.agent ?? fileURLToPath(new URL('../../../bin/ward-agent.js', import.meta.url)),
  };
}
