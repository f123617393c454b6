/** The desktop platforms the agent runs on, spelled as the protocol spells them. */
export const agentPlatforms = ['linux', 'macos', 'windows'] as const;
/** One of {@link agentPlatforms}. */
export type AgentPlatform = (typeof agentPlatforms)[number];

/** The protocol's name for a Node `process.platform`, or undefined where the agent does not run. */
export function agentPlatformOf(nodePlatform: NodeJS.Platform): AgentPlatform | undefined {
  switch (nodePlatform) {
    case 'linux':
      return 'linux';
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    default:
      return undefined;
  }
}

/** Whether `value` names an agent platform. */
export function isAgentPlatform(value: string): value is AgentPlatform {
  return (agentPlatforms as readonly string[]).includes(value);
}
