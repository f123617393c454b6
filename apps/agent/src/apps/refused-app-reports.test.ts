import type { AppReport } from '@ward/agent-protocol';
import { describe, expect, it } from 'vitest';
import { AgentRequestError } from '../transport/agent-request-error.js';
import { refusedAppReports } from './refused-app-reports.js';

const hash = 'a'.repeat(64);
const sent: AppReport[] = [
  { id: 'a1', hash, status: 'installed' },
  { id: 'a2', hash, status: 'removed' },
];
const refusal = (details: Record<string, unknown>, code = 'APP_REPORT_UNKNOWN'): AgentRequestError => new AgentRequestError('http', 'x', { status: 404, code, details });

describe('refusedAppReports', () => {
  it('takes the sent reports whose app the server named, and nothing else', () => {
    expect(refusedAppReports(refusal({ appIds: ['a2', 'a9', 7] }), sent)).toEqual([sent[1]]);
  });

  it('ignores other errors and malformed details', () => {
    expect(refusedAppReports(refusal({ appIds: ['a1'] }, 'CONFIGURATION_REPORT_UNKNOWN'), sent)).toEqual([]);
    expect(refusedAppReports(refusal({ profileIds: ['a1'] }), sent)).toEqual([]);
    expect(refusedAppReports(refusal({ appIds: 'a1' }), sent)).toEqual([]);
    expect(refusedAppReports(new AgentRequestError('network', 'x'), sent)).toEqual([]);
    expect(refusedAppReports(new Error('x'), sent)).toEqual([]);
  });
});
