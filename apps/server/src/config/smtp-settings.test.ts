import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { smtpSettings } from './smtp-settings.js';

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function configOf(env: Record<string, string>) {
  const loaded = loadConfig({ env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.config;
}

describe('smtpSettings', () => {
  it('is undefined when no relay is configured', () => {
    expect(smtpSettings(configOf({}))).toEqual({ ok: true, settings: undefined });
  });

  it('defaults the port from the TLS mode and reads the CA file once', () => {
    const read: string[] = [];
    const loaded = smtpSettings(configOf({ WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: 'ward@example.com', WARD_SMTP_USER: 'u', WARD_SMTP_PASSWORD: 'p', WARD_SMTP_CA_FILE: '/ca.pem' }), (path) => { read.push(path); return pem; });
    expect(loaded).toEqual({ ok: true, settings: { host: 'smtp.example.com', port: 587, tls: 'starttls', from: 'ward@example.com', auth: { user: 'u', password: 'p' }, caPem: pem } });
    expect(read).toEqual(['/ca.pem']);
    const implicit = smtpSettings(configOf({ WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: 'ward@example.com', WARD_SMTP_TLS: 'implicit' }));
    expect(implicit.ok && implicit.settings?.port).toBe(465);
    const explicit = smtpSettings(configOf({ WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: 'ward@example.com', WARD_SMTP_TLS: 'implicit', WARD_SMTP_PORT: '2465' }));
    expect(explicit.ok && explicit.settings?.port).toBe(2465);
  });

  it('stops the start when the CA file is missing or holds no certificate', () => {
    const config = configOf({ WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: 'ward@example.com', WARD_SMTP_CA_FILE: '/nope.pem' });
    expect(smtpSettings(config, () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); })).toEqual({ ok: false, error: 'WARD_SMTP_CA_FILE: cannot read /nope.pem: no such file' });
    expect(smtpSettings(config, () => 'not a certificate')).toEqual({ ok: false, error: 'WARD_SMTP_CA_FILE: /nope.pem holds no PEM certificate' });
  });
});
