import { describe, expect, it } from 'vitest';
import { configKeys, configSchema } from './config-schema.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('gives the schema defaults when nothing is set, frozen', () => {
    const loaded = loadConfig({ env: {} });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.config.port).toBe(8443);
    expect(loaded.config.dataDir).toBe('./data');
    expect(loaded.config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(loaded.config)).toBe(true);
    for (const key of configKeys) expect(loaded.config[key]).toEqual(configSchema[key].default);
  });

  it('lets the file override defaults, the environment the file, and flags the environment', () => {
    const file = JSON.stringify({ port: 1000, host: '127.0.0.1', dataDir: '/from-file', tlsHostnames: ['a.example.com'] });
    const loaded = loadConfig({
      env: { WARD_CONFIG_FILE: '/etc/ward.json', WARD_PORT: '2000', WARD_DATA_DIR: '/from-env', WARD_METRICS_ENABLED: 'no' },
      flags: { port: '3000' },
      readFile: () => file,
    });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: '/from-env', metricsEnabled: false, tlsHostnames: ['a.example.com'] });
  });

  it('reports every wrong value at once, one line each, naming its source', () => {
    const loaded = loadConfig({
      env: { WARD_PORT: 'abc', WARD_LOG_LEVEL: 'loud', WARD_TLS_CERT_FILE: '/c.pem', WARD_TRUSTED_PROXIES: '10.0.0.0/8,nope', WARD_MASTER_KEY: 'short secret' },
      flags: { host: 'not a host!' },
    });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toEqual([
      'WARD_PORT: must be an integer from 0 to 65535, got "abc"',
      'WARD_MASTER_KEY: must be 32 bytes written as base64 (44 characters) or hex (64 characters), (value hidden)',
      'WARD_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'WARD_TRUSTED_PROXIES: every item must be an IP address or CIDR range; "nope" is not, got "10.0.0.0/8,nope"',
      '--host: must be a host name or IP address, got "not a host!"',
      'WARD_TLS_CERT_FILE and WARD_TLS_KEY_FILE: set both or neither',
    ]);
  });

  it('refuses unknown keys and values of the wrong JSON type in the file', () => {
    const loaded = loadConfig({ env: {}, configFile: '/w.json', readFile: () => '{"prot": 1, "port": "9x", "metricsEnabled": "maybe"}' });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toHaveLength(3);
    expect(loaded.errors[0]).toMatch(/^\/w\.json: unknown option "prot"/);
    expect(loaded.errors[1]).toBe('port in /w.json: must be an integer from 0 to 65535, got "9x"');
  });

  it('says so when the file is missing or not JSON', () => {
    const missing = loadConfig({ env: { WARD_CONFIG_FILE: '/nope.json' }, readFile: () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); } });
    expect(missing).toEqual({ ok: false, errors: ['WARD_CONFIG_FILE: cannot read the config file /nope.json: no such file'] });
    const broken = loadConfig({ env: {}, configFile: '/b.json', readFile: () => '{' });
    expect(broken.ok || broken.errors[0]).toMatch(/^\/b\.json: not valid JSON/);
  });

  it('treats an empty variable as unset', () => {
    const loaded = loadConfig({ env: { WARD_PORT: '' } });
    expect(loaded.ok && loaded.config.port).toBe(8443);
  });
  it('accepts the Client-Cert header of trusted proxies only when proxies are named', () => {
    const alone = loadConfig({ env: { WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'true' } });
    expect(alone.ok ? [] : alone.errors).toEqual(['WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: needs WARD_TRUSTED_PROXIES, the proxies whose Client-Cert header is believed']);
    const named = loadConfig({ env: { WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'true', WARD_TRUSTED_PROXIES: '10.0.0.5' } });
    expect(named.ok && named.config.trustedProxyClientCertHeader).toBe(true);
  });

  it('terminates TLS in the server unless told otherwise, and behind a proxy only with what device authentication then rests on', () => {
    expect(loadConfig({ env: {} }).ok && loadConfig({ env: {} })).toMatchObject({ config: { tlsTermination: 'server' } });
    const proxy = { WARD_TLS_TERMINATION: 'proxy', WARD_TRUSTED_PROXIES: '127.0.0.1', WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'true', WARD_PUBLIC_URL: 'https://ward.example.com' };
    const behind = loadConfig({ env: proxy });
    expect(behind.ok && behind.config.tlsTermination).toBe('proxy');
    expect(loadConfig({ env: { WARD_TLS_TERMINATION: 'server' }, flags: { tlsTermination: 'proxy' } })).toEqual({
      ok: false,
      errors: ['WARD_TLS_TERMINATION=proxy: needs WARD_TRUSTED_PROXIES, WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER=true, an https WARD_PUBLIC_URL (the proxy\'s), because devices then authenticate only by the Client-Cert header the trusted proxies send'],
    });
    const noHeader = loadConfig({ env: { ...proxy, WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'false' } });
    expect(noHeader.ok ? [] : noHeader.errors).toEqual([expect.stringMatching(/^WARD_TLS_TERMINATION=proxy: needs WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER=true, because/)]);
    const plainUrl = loadConfig({ env: { ...proxy, WARD_PUBLIC_URL: 'http://ward.example.com' } });
    expect(plainUrl.ok ? [] : plainUrl.errors).toEqual([expect.stringMatching(/^WARD_TLS_TERMINATION=proxy: needs an https WARD_PUBLIC_URL \(the proxy's\), because/)]);
    const unknown = loadConfig({ env: { WARD_TLS_TERMINATION: 'haproxy' } });
    expect(unknown.ok ? [] : unknown.errors).toEqual(['WARD_TLS_TERMINATION: must be one of server, proxy, got "haproxy"']);
  });

  it('reads the device certificate lifetime and the agent check-in interval, within bounds', () => {
    const loaded = loadConfig({ env: { WARD_DEVICE_CERT_DAYS: '90', WARD_AGENT_CHECKIN_SECONDS: '300' } });
    expect(loaded.ok && [loaded.config.deviceCertDays, loaded.config.agentCheckinSeconds]).toEqual([90, 300]);
    const wrong = loadConfig({ env: { WARD_DEVICE_CERT_DAYS: '0', WARD_AGENT_CHECKIN_SECONDS: '5' } });
    expect(wrong.ok ? [] : wrong.errors).toEqual(['WARD_DEVICE_CERT_DAYS: must be an integer from 1 to 3650, got "0"', 'WARD_AGENT_CHECKIN_SECONDS: must be an integer from 60 to 86400, got "5"']);
  });

  it('reads the Noise push channel\'s port as auto, off or a port, and its URL as ws or wss', () => {
    const defaults = loadConfig({ env: {} });
    expect(defaults.ok && [defaults.config.agentNoisePushPort, defaults.config.agentNoisePushUrl]).toEqual(['auto', undefined]);
    for (const [raw, value] of [['off', 'off'], ['OFF', 'off'], ['auto', 'auto'], ['0', 0], ['8444', 8444], ['65535', 65535]] as const) {
      const loaded = loadConfig({ env: { WARD_AGENT_NOISE_PUSH_PORT: raw } });
      expect(loaded.ok && loaded.config.agentNoisePushPort, raw).toBe(value);
    }
    const url = loadConfig({ env: { WARD_AGENT_NOISE_PUSH_URL: 'wss://push.example.com/agent/v1/noise-push' } });
    expect(url.ok && url.config.agentNoisePushUrl).toBe('wss://push.example.com/agent/v1/noise-push');
    const wrong = loadConfig({ env: { WARD_AGENT_NOISE_PUSH_PORT: '65536', WARD_AGENT_NOISE_PUSH_URL: 'https://push.example.com' } });
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      'WARD_AGENT_NOISE_PUSH_PORT: must be a port (0–65535) or one of auto, off, got "65536"',
      'WARD_AGENT_NOISE_PUSH_URL: must be a URL starting with ws:// or wss://, got "https://push.example.com"',
    ]);
    const word = loadConfig({ env: { WARD_AGENT_NOISE_PUSH_PORT: 'on' } });
    expect(word.ok ? [] : word.errors).toEqual(['WARD_AGENT_NOISE_PUSH_PORT: must be a port (0–65535) or one of auto, off, got "on"']);
  });

  it('reads the SMTP relay and the webhook development flag', () => {
    const loaded = loadConfig({
      env: {
        WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_PORT: '2525', WARD_SMTP_TLS: 'implicit', WARD_SMTP_USER: 'ward',
        WARD_SMTP_PASSWORD: 'relay secret', WARD_SMTP_FROM: 'IT Support <ward@example.com>', WARD_SMTP_CA_FILE: '/etc/ward/relay-ca.pem',
        WARD_WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      },
    });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.config).toMatchObject({
      smtpHost: 'smtp.example.com', smtpPort: 2525, smtpTls: 'implicit', smtpUser: 'ward', smtpPassword: 'relay secret',
      smtpFrom: 'IT Support <ward@example.com>', smtpCaFile: '/etc/ward/relay-ca.pem', webhookAllowHttpLoopback: true,
    });
    const defaults = loadConfig({ env: {} });
    expect(defaults.ok && [defaults.config.smtpHost, defaults.config.smtpTls, defaults.config.webhookAllowHttpLoopback]).toEqual([undefined, 'starttls', false]);
  });

  it('refuses SMTP options that do not fit together, and never echoes the password', () => {
    const loaded = loadConfig({ env: { WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_TLS: 'opportunistic', WARD_SMTP_USER: 'ward', WARD_SMTP_PASSWORD: 'hunter2-relay' } });
    expect(loaded.ok ? [] : loaded.errors).toEqual([
      'WARD_SMTP_FROM: needed when WARD_SMTP_HOST is set, as the From of the e-mail Ward sends',
      'WARD_SMTP_TLS: opportunistic would send the SMTP password in clear whenever the relay does not offer STARTTLS (or it is stripped); use starttls or implicit with credentials',
    ]);
    const orphans = loadConfig({ env: { WARD_SMTP_PORT: '25', WARD_SMTP_PASSWORD: 'hunter2-relay' } });
    expect(orphans.ok ? [] : orphans.errors).toEqual([
      'WARD_SMTP_USER and WARD_SMTP_PASSWORD: set both or neither',
      'WARD_SMTP_PORT, WARD_SMTP_PASSWORD: set without WARD_SMTP_HOST, the relay they belong to',
    ]);
    const wrong = loadConfig({ env: { WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: 'ward@example.com', WARD_SMTP_TLS: 'ssl', WARD_SMTP_PORT: '0', WARD_SMTP_USER: 'ward', WARD_SMTP_PASSWORD: ' ' }, flags: {} });
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      'WARD_SMTP_PORT: must be an integer from 1 to 65535, got "0"',
      'WARD_SMTP_TLS: must be one of starttls, implicit, opportunistic, got "ssl"',
      'WARD_SMTP_PASSWORD: must be a non-empty string, (value hidden)',
      'WARD_SMTP_USER and WARD_SMTP_PASSWORD: set both or neither',
    ]);
    expect(JSON.stringify([loaded, orphans, wrong])).not.toContain('hunter2');
  });

  it.each([
    ['ward@example.com', true],
    ['IT Support <ward@example.com>', true],
    ['"Ward" <ward@example.com>', false],
    ['ward', false],
    ['Ward <ward@example.com>\r\nBcc: all@example.com', false],
    ['Ward\n <ward@example.com>', false],
    ['a@b.example, c@d.example', false],
  ])('takes %j as WARD_SMTP_FROM: %s', (from, accepted) => {
    const loaded = loadConfig({ env: { WARD_SMTP_HOST: 'smtp.example.com', WARD_SMTP_FROM: from } });
    expect(loaded.ok).toBe(accepted);
    if (!loaded.ok) expect(loaded.errors[0]).toMatch(/^WARD_SMTP_FROM: must be an e-mail address/);
  });
});
