import { describe, expect, it } from 'vitest';
import { createLogger, redactedText } from './create-logger.js';

function capture(format: 'json' | 'text'): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', format, destination: { write: (text: string) => lines.push(text) } });
  return { lines, logger };
}

const bearer = 'ward_at_0123456789abcdefSECRET';
const password = 'hunter2-very-secret';

// What Fastify's serialisers and a careless handler could log for a sign-in request.
const request = {
  req: {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { authorization: `Bearer ${bearer}`, cookie: `ward_session=${bearer}`, 'user-agent': 'curl/8', 'x-api-key': bearer },
    body: { email: 'a@example.com', password, totpCode: '123456', nested: { token: bearer, masterKey: 'mk', clientSecret: 'cs' } },
  },
};

describe('createLogger', () => {
  for (const format of ['json', 'text'] as const) {
    it(`never prints bearer tokens, cookies, passwords or codes (${format})`, () => {
      const { lines, logger } = capture(format);
      logger.info(request, 'incoming request');
      logger.warn({ password, token: bearer, secret: 's3', err: new Error('sign-in failed') }, 'top level');
      const out = lines.join('');
      for (const secret of [bearer, password, '123456', 'mk', 'cs', 's3']) expect(out).not.toContain(secret);
      expect(out).toContain(redactedText);
      expect(out).toContain('a@example.com');
      expect(out).toContain('curl/8');
    });
  }

  it('writes one JSON object per line with a level name and ISO time', () => {
    const { lines, logger } = capture('json');
    logger.info({ requestId: 'r1' }, 'hello');
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: 'info', msg: 'hello', requestId: 'r1' });
    expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('writes plain lines in text format', () => {
    const { lines, logger } = capture('text');
    logger.warn({ url: 'https://x:1', note: 'two words' }, 'listening');
    expect(lines[0]).toMatch(/^\S+Z WARN {2}listening url=https:\/\/x:1 note="two words"\n$/);
  });
});
