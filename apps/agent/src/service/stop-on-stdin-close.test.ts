import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stopOnStdinClose } from './stop-on-stdin-close.js';

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('stopOnStdinClose', () => {
  it('fires once when the input ends, ignoring what was written before', async () => {
    const input = new PassThrough();
    const reasons: string[] = [];
    const unwatch = stopOnStdinClose(input, (reason) => reasons.push(reason));
    input.write('anything the parent sends\n');
    await nextTurn();
    expect(reasons).toEqual([]);
    input.end();
    await nextTurn();
    await nextTurn();
    // 'end' then 'close': one stop.
    expect(reasons).toEqual(['standard input closed']);
    unwatch();
    expect(input.destroyed).toBe(true);
  });

  it('fires when the input fails', async () => {
    const input = new PassThrough();
    const reasons: string[] = [];
    stopOnStdinClose(input, (reason) => reasons.push(reason));
    input.destroy(new Error('EPIPE'));
    await nextTurn();
    expect(reasons).toEqual(['standard input failed (EPIPE)']);
  });

  it('after unwatching, neither fires nor keeps the stream open', async () => {
    const input = new PassThrough();
    const reasons: string[] = [];
    const unwatch = stopOnStdinClose(input, (reason) => reasons.push(reason));
    unwatch();
    await nextTurn();
    expect(input.destroyed).toBe(true);
    expect(reasons).toEqual([]);
  });
});
