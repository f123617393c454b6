import { describe, expect, it } from 'vitest';
import { AgentRequestError } from '../transport/agent-request-error.js';
import { unknownCommandIds } from './unknown-command-ids.js';

const sent = [{ commandId: 'a' }, { commandId: 'b' }];

describe('unknownCommandIds', () => {
  it('takes the refused ids this check-in carried, and nothing else', () => {
    const refused = new AgentRequestError('http', 'x', { status: 404, code: 'COMMAND_NOT_FOUND', details: { commandIds: ['b', 'c', 7] } });
    expect(unknownCommandIds(refused, sent)).toEqual(['b']);
  });

  it('ignores other errors and malformed details', () => {
    expect(unknownCommandIds(new AgentRequestError('http', 'x', { status: 404, code: 'DEVICE_NOT_FOUND', details: { commandIds: ['a'] } }), sent)).toEqual([]);
    expect(unknownCommandIds(new AgentRequestError('http', 'x', { status: 404, code: 'COMMAND_NOT_FOUND', details: { commandIds: 'a' } }), sent)).toEqual([]);
    expect(unknownCommandIds(new AgentRequestError('network', 'x'), sent)).toEqual([]);
    expect(unknownCommandIds(new Error('x'), sent)).toEqual([]);
  });
});
