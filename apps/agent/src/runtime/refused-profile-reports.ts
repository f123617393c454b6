import type { ConfigurationReport } from '@ward/agent-protocol';
import { AgentRequestError } from '../transport/agent-request-error.js';

/**
 * The reports of a check-in that the server refused with CONFIGURATION_REPORT_UNKNOWN (profiles it
 * never gave this device, or whose record it has dropped since), limited to reports this check-in
 * carried. Empty for any other error.
 */
export function refusedProfileReports(error: unknown, sent: readonly ConfigurationReport[]): ConfigurationReport[] {
  if (!(error instanceof AgentRequestError) || error.code !== 'CONFIGURATION_REPORT_UNKNOWN') return [];
  const listed = error.details?.profileIds;
  if (!Array.isArray(listed)) return [];
  const refused = new Set(listed.filter((id): id is string => typeof id === 'string'));
  return sent.filter((report) => refused.has(report.id));
}
