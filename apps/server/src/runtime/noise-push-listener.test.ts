import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createNoisePushServer, listenNoisePush, noisePushPort } from './noise-push-listener.js';

describe('the Noise push listener', () => {
  it('takes the HTTPS port + 1 for auto, a free port when the HTTPS port is chosen at start, and none when off', () => {
    expect(noisePushPort('auto', 8443)).toBe(8444);
    expect(noisePushPort('auto', 0)).toBe(0);
    expect(noisePushPort(9000, 8443)).toBe(9000);
    expect(noisePushPort('off', 8443)).toBeUndefined();
  });

  it('tells agents the public URL\'s host with the bound port, unless told another URL', async () => {
    const bound = await listenNoisePush(createNoisePushServer(), { port: 0, host: '127.0.0.1', agentUrl: 'https://ward.example.com:8443', url: undefined });
    try {
      const port = (bound.server.address() as { port: number }).port;
      expect(port).toBeGreaterThan(0);
      expect(bound.url).toBe(`ws://ward.example.com:${port}/agent/v1/noise-push`);
    } finally {
      await bound.close();
    }
    const ipv6 = await listenNoisePush(createNoisePushServer(), { port: 0, host: '127.0.0.1', agentUrl: 'https://[::1]:8443', url: undefined });
    try {
      expect(ipv6.url).toMatch(/^ws:\/\/\[::1\]:\d+\/agent\/v1\/noise-push$/);
    } finally {
      await ipv6.close();
    }
    const given = await listenNoisePush(createNoisePushServer(), { port: 0, host: '127.0.0.1', agentUrl: 'https://ward.example.com', url: 'wss://push.example.com/agent/v1/noise-push' });
    expect(given.url).toBe('wss://push.example.com/agent/v1/noise-push');
    await given.close();
  });

  it('says which setting to change when its port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      await expect(listenNoisePush(createNoisePushServer(), { port: taken, host: '127.0.0.1', agentUrl: 'https://ward.example.com', url: undefined })).rejects.toThrow(/Noise push port \d+ is in use.*WARD_AGENT_NOISE_PUSH_PORT/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
