import type { AppReport } from '@ward/agent-protocol';
import { AgentRequestError } from '../transport/agent-request-error.js';

/**
 * The app reports of a check-in that the server refused with APP_REPORT_UNKNOWN (apps it never
 * gave this device, or whose record it has dropped since), limited to reports this check-in
 * carried. Empty for any other error.
 */
export function refusedAppReports(error: unknown, sent: readonly AppReport[]): AppReport[] {
  if (!(error instanceof AgentRequestError) || error.code !== 'APP_REPORT_UNKNOWN') return [];
  const listed = error.details?.appIds;
  if (!Array.isArray(listed)) return [];
  const refused = new Set(listed.filter((id): id is string => typeof id === 'string'));
  return sent.filter((report) => refused.has(report.id));
}
