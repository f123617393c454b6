import { AgentRequestError } from '../transport/agent-request-error.js';

/** The ids the server refused with COMMAND_NOT_FOUND, limited to results this check-in carried. */
export function unknownCommandIds(error: unknown, sent: readonly { readonly commandId: string }[]): string[] {
  if (!(error instanceof AgentRequestError) || error.code !== 'COMMAND_NOT_FOUND') return [];
  const listed = error.details?.commandIds;
  if (!Array.isArray(listed)) return [];
  const carried = new Set(sent.map((r) => r.commandId));
  return listed.filter((id): id is string => typeof id === 'string' && carried.has(id));
}
