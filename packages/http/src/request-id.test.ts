import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSaneRequestId, requestIdOf } from './request-id.js';

const withHeader = (value: string | string[] | undefined) => ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;

describe('request ids', () => {
  it('adopts a sane incoming id', () => {
    expect(requestIdOf(withHeader('abc-123_x.y:z'))).toBe('abc-123_x.y:z');
    expect(requestIdOf(withHeader('0af7651916cd43dd8448eb211c80319c'))).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it.each([[''], ['a'.repeat(129)], ['has space'], ['new\nline'], ['-leading-dash'], ['ünïcode'], ['<script>']])('replaces %j with a fresh id', (value) => {
    expect(isSaneRequestId(value)).toBe(false);
    const id = requestIdOf(withHeader(value));
    expect(id).not.toBe(value);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates one when there is none or several', () => {
    expect(requestIdOf(withHeader(undefined))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(withHeader(['a', 'b']))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
