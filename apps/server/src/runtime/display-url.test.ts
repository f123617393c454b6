import { describe, expect, it } from 'vitest';
import { displayUrl } from './display-url.js';

describe('displayUrl', () => {
  it('shows wildcard listeners as localhost and brackets IPv6', () => {
    expect(displayUrl('0.0.0.0', 8443)).toBe('https://localhost:8443');
    expect(displayUrl('::', 1)).toBe('https://localhost:1');
    expect(displayUrl('127.0.0.1', 2)).toBe('https://127.0.0.1:2');
    expect(displayUrl('::1', 3)).toBe('https://[::1]:3');
    expect(displayUrl('mdm.example.com', 4)).toBe('https://mdm.example.com:4');
  });
});
