import type { ConfigurationReport } from '@ward/agent-protocol';
import { describe, expect, it } from 'vitest';
import { AgentRequestError } from '../transport/agent-request-error.js';
import { refusedProfileReports } from './refused-profile-reports.js';

const hash = 'a'.repeat(64);
const sent: ConfigurationReport[] = [
  { id: 'p1', hash, status: 'succeeded' },
  { id: 'p2', hash, status: 'removed' },
];
const refusal = (details: Record<string, unknown>, code = 'CONFIGURATION_REPORT_UNKNOWN'): AgentRequestError => new AgentRequestError('http', 'x', { status: 409, code, details });

describe('refusedProfileReports', () => {
  it('takes the sent reports whose profile the server named, and nothing else', () => {
    expect(refusedProfileReports(refusal({ profileIds: ['p2', 'p9', 7] }), sent)).toEqual([sent[1]]);
  });

  it('ignores other errors and malformed details', () => {
    expect(refusedProfileReports(refusal({ profileIds: ['p1'] }, 'COMMAND_NOT_FOUND'), sent)).toEqual([]);
    expect(refusedProfileReports(refusal({ profileIds: 'p1' }), sent)).toEqual([]);
    expect(refusedProfileReports(refusal({}), sent)).toEqual([]);
    expect(refusedProfileReports(new AgentRequestError('network', 'x'), sent)).toEqual([]);
    expect(refusedProfileReports(new Error('x'), sent)).toEqual([]);
  });
});
