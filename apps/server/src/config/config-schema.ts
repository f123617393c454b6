import { isIP } from 'node:net';
import { hasControlCharacters, runDueComplianceEveryMs } from '@ward/core';
import { decodeMasterKey } from './decode-master-key.js';
import { boolean, integer, list, oneOf, portOrWord, text, url, type OptionType } from './option-types.js';

/** One configuration option: where it is read from, its type, default and documentation. */
export interface OptionSpec<T> {
  /** The environment variable. */
  readonly env: `WARD_${string}`;
  /** The command-line flag without dashes (`port` for `--port`), for the options that have one. */
  readonly flag?: string;
  readonly type: OptionType<T>;
  /** The value when no source sets it; `undefined` for options that are unset by default. */
  readonly default: T;
  /** For the docs when the default is computed at start rather than a constant. */
  readonly defaultText?: string;
  readonly description: string;
  /** Never echoed in error messages. */
  readonly secret?: boolean;
}

/** An option with a constant default. */
function option<T>(spec: Omit<OptionSpec<T>, 'default'> & { readonly default: NoInfer<T> }): OptionSpec<T> {
  return spec;
}

/** An option that is unset unless a source sets it. */
function optional<T>(spec: Omit<OptionSpec<T>, 'default'>): OptionSpec<T | undefined> {
  return { ...spec, default: undefined };
}

const hostname = text({
  pattern: /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  message: 'must be a DNS host name',
});

const hostnameOrIp: OptionType<string> = {
  label: 'host name or IP address',
  parse(raw) {
    if (typeof raw === 'string' && isIP(raw.trim()) !== 0) return { ok: true, value: raw.trim() };
    return hostname.parse(raw).ok ? hostname.parse(raw) : { ok: false, message: 'must be a host name or IP address' };
  },
};

const ipOrCidr: OptionType<string> = {
  label: 'IP address or CIDR range',
  parse(raw) {
    const message = 'must be an IP address or CIDR range';
    if (typeof raw !== 'string') return { ok: false, message };
    const [address = '', prefix, extra] = raw.trim().split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return { ok: false, message };
    if (prefix !== undefined) {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return { ok: false, message };
    }
    return { ok: true, value: raw.trim() };
  },
};

const masterKeyText: OptionType<string> = {
  label: '32 bytes as base64 or hex',
  parse(raw) {
    const message = 'must be 32 bytes written as base64 (44 characters) or hex (64 characters)';
    return typeof raw === 'string' && decodeMasterKey(raw) !== undefined ? { ok: true, value: raw.trim() } : { ok: false, message };
  },
};

/** `ward@example.com` or `Ward <ward@example.com>`: the From of the mail Ward sends. */
const mailbox: OptionType<string> = {
  label: 'e-mail address, optionally with a display name',
  parse(raw) {
    const message = 'must be an e-mail address such as ward@example.com or "Ward <ward@example.com>"';
    if (typeof raw !== 'string') return { ok: false, message };
    const value = raw.trim();
    // Control characters would let the From header carry headers of its own.
    if (hasControlCharacters(value) || !/^(?:[^<>@"]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(value)) return { ok: false, message };
    return { ok: true, value };
  },
};

const kib = 1024;
const mib = 1024 * kib;

/**
 * Every option of the Ward server: the single source of its defaults, validation and documentation
 * (docs/configuration.md is generated from this object). Precedence, lowest first: these defaults,
 * the config file, the environment, command-line flags.
 */
export const configSchema = {
  dataDir: option({
    env: 'WARD_DATA_DIR',
    flag: 'data-dir',
    type: text(),
    default: './data',
    description: 'Directory for the SQLite database, the generated master key, the root CA certificate file (`ca.crt`) and the bootstrap TLS certificate. Created with mode 0700 when missing. The CA itself and the command-signing key live in the database, shared by every server process.',
  }),
  port: option({
    env: 'WARD_PORT',
    flag: 'port',
    type: integer(0, 65535),
    default: 8443,
    description: 'HTTPS port. `0` picks a free port; the bound URL is printed at start.',
  }),
  host: option({
    env: 'WARD_HOST',
    flag: 'host',
    type: hostnameOrIp,
    default: '0.0.0.0',
    description: 'Address to listen on. `0.0.0.0` listens on every IPv4 interface, `::` on every interface.',
  }),
  publicUrl: optional({
    env: 'WARD_PUBLIC_URL',
    flag: 'public-url',
    type: url(['https', 'http']),
    defaultText: '(unset: the bound address is printed)',
    description: 'The URL devices and browsers use to reach Ward, when it differs from the bound address (behind a load balancer). Its host name is added to the bootstrap TLS certificate, and it is the `--server` of the agent enrollment command lines Ward prints (an `https` URL is needed for those).',
  }),
  databaseUrl: optional({
    env: 'WARD_DATABASE_URL',
    flag: 'database-url',
    type: url(['postgres', 'postgresql', 'sqlite']),
    defaultText: 'SQLite at `<dataDir>/ward.db`',
    description: 'Where the data lives: `postgres://user:password@host:5432/db` for PostgreSQL, or `sqlite:/path/to/file.db`. Several server processes may share one PostgreSQL database.',
  }),
  masterKey: optional({
    env: 'WARD_MASTER_KEY',
    type: masterKeyText,
    defaultText: 'generated once into `<dataDir>/master.key` (mode 0600)',
    description: 'The key that encrypts secrets at rest (CA keys, the command-signing key, TOTP secrets). Every server process on one database needs the same key; back it up apart from the database. No command-line flag, so it never shows in a process list.',
    secret: true,
  }),
  tlsCertFile: optional({
    env: 'WARD_TLS_CERT_FILE',
    flag: 'tls-cert-file',
    type: text(),
    defaultText: 'issued at start by Ward\'s own CA',
    description: 'PEM certificate chain for the HTTPS listener. Set together with `WARD_TLS_KEY_FILE`.',
  }),
  tlsKeyFile: optional({
    env: 'WARD_TLS_KEY_FILE',
    flag: 'tls-key-file',
    type: text(),
    defaultText: 'issued at start by Ward\'s own CA',
    description: 'PEM private key for the HTTPS listener. Set together with `WARD_TLS_CERT_FILE`.',
  }),
  tlsHostnames: option({
    env: 'WARD_TLS_HOSTNAMES',
    flag: 'tls-hostnames',
    type: list(hostnameOrIp, 'a host name or IP address', 'host names or IP addresses'),
    default: [],
    description: 'Names the bootstrap TLS certificate is issued for, besides `localhost`, `127.0.0.1`, `::1` and the host of `WARD_PUBLIC_URL`. Ignored when certificate files are configured.',
  }),
  tlsTermination: option({
    env: 'WARD_TLS_TERMINATION',
    flag: 'tls-termination',
    type: oneOf(['server', 'proxy']),
    default: 'server',
    description: 'Who terminates TLS. `server`: Ward listens on HTTPS and reads device certificates from the TLS connection. `proxy`: Ward listens on plain HTTP behind a reverse proxy that terminates TLS and the client certificate (docs/deploy-behind-a-proxy.md), so ten thousand agents\' TLS connections cost the proxy\'s memory rather than Node\'s. Devices then authenticate only by the RFC 9440 `Client-Cert` header the proxy sends, so `proxy` needs `WARD_TRUSTED_PROXIES`, `WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER=true` and an `https` `WARD_PUBLIC_URL` (the proxy\'s, which agents use); listen where only the proxy can reach Ward.',
  }),
  agentNoisePushPort: option({
    env: 'WARD_AGENT_NOISE_PUSH_PORT',
    flag: 'agent-noise-push-port',
    type: portOrWord(['auto', 'off']),
    default: 'auto',
    description: "Port of the agents' Noise push channel: the WebSocket each enrolled agent keeps open for wake-ups and check-ins, on plain TCP and secured end to end by the Noise protocol under a key the agent received over mTLS (docs/protocols/agent-v1.md, \"The Noise push channel\"). An idle agent costs the server a fraction of a TLS connection's memory. `auto`: the HTTPS port + 1 (a free port when `WARD_PORT` is `0`). `off`: no Noise channel; agents keep their push socket over TLS. Listens on `WARD_HOST`.",
  }),
  agentNoisePushUrl: optional({
    env: 'WARD_AGENT_NOISE_PUSH_URL',
    flag: 'agent-noise-push-url',
    type: url(['ws', 'wss']),
    defaultText: '`ws://<host of WARD_PUBLIC_URL>:<the channel\'s port>/agent/v1/noise-push`',
    description: "Where agents open the Noise push channel, when it differs from the default (a TCP load balancer or NAT in front of Ward). `wss` when an operator put TLS in front of it; the channel is encrypted either way.",
  }),
  adminEmail: optional({
    env: 'WARD_ADMIN_EMAIL',
    flag: 'admin-email',
    type: text({ pattern: /^[^\s@]+@[^\s@]+$/, message: 'must be an e-mail address' }),
    defaultText: '`admin@<first TLS host name, or ward.local>`',
    description: 'E-mail of the first global admin, created at the first start with a one-time password printed once.',
  }),
  logLevel: option({
    env: 'WARD_LOG_LEVEL',
    flag: 'log-level',
    type: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description: 'Lowest level that is logged.',
  }),
  logFormat: option({
    env: 'WARD_LOG_FORMAT',
    flag: 'log-format',
    type: oneOf(['json', 'text']),
    default: 'json',
    description: 'Log lines as JSON (for collectors) or as plain text (for people). Logs go to standard error; standard output carries what the commands print.',
  }),
  trustedProxies: option({
    env: 'WARD_TRUSTED_PROXIES',
    flag: 'trusted-proxies',
    type: list(ipOrCidr, 'an IP address or CIDR range', 'IP addresses or CIDR ranges'),
    default: [],
    description: 'Reverse proxies whose `X-Forwarded-For` is believed for the client address (rate limits, audit).',
  }),
  trustedProxyClientCertHeader: option({
    env: 'WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER',
    type: boolean(),
    default: false,
    description: 'Accept a device certificate from a trusted proxy\'s RFC 9440 `Client-Cert` header, for a reverse proxy that terminates TLS (and the client certificate) in front of Ward. Only requests whose immediate peer is in `WARD_TRUSTED_PROXIES` may use it; Ward still checks the certificate\'s chain and revocation itself.',
  }),
  deviceCertDays: option({
    env: 'WARD_DEVICE_CERT_DAYS',
    type: integer(1, 3650),
    default: 365,
    description: 'Validity of the identity certificates Ward\'s CA issues to devices at enrollment and renewal.',
  }),
  agentCheckinSeconds: option({
    env: 'WARD_AGENT_CHECKIN_SECONDS',
    type: integer(60, 86_400),
    default: 900,
    description: 'How often agents check in on their own. Push wake-ups make changes reach connected agents at once; this poll (with jitter) is the safety net for lost wake-ups.',
  }),
  bodyLimitBytes: option({
    env: 'WARD_BODY_LIMIT_BYTES',
    type: integer(kib, 64 * mib),
    default: mib,
    description: 'Largest request body the API accepts, except imports.',
  }),
  importLimitBytes: option({
    env: 'WARD_IMPORT_LIMIT_BYTES',
    type: integer(kib, 1024 * mib),
    default: 50 * mib,
    description: 'Largest CSV body the import endpoints accept.',
  }),
  appPackageDir: optional({
    env: 'WARD_APP_PACKAGE_DIR',
    flag: 'app-package-dir',
    type: text(),
    defaultText: '`<dataDir>/app-packages`',
    description: 'Directory of the line-of-business package files admins upload (.deb, .rpm, .msi, .pkg, .ipa, …), stored once per content under their SHA-256. Created with mode 0700 when missing. Every server process must see the same directory: on a cluster put it on shared storage (NFS, SMB, a cluster file system) that renames atomically, not on each node\'s local disk, or devices get 404s for packages another node received.',
  }),
  appPackageMaxBytes: option({
    env: 'WARD_APP_PACKAGE_MAX_BYTES',
    type: integer(mib, 1024 * 1024 * mib),
    default: 4 * 1024 * mib,
    description: 'Largest package file an upload may carry. Uploads are streamed to disk and hashed as they arrive, so this bounds disk use per upload, not memory; a larger upload is refused with `PAYLOAD_TOO_LARGE` and nothing is kept.',
  }),
  signinRateLimit: option({
    env: 'WARD_SIGNIN_RATE_LIMIT',
    type: integer(1, 100_000),
    default: 20,
    description: 'Sign-in attempts allowed per client address per minute (on top of the per-account limit and lockout).',
  }),
  metricsEnabled: option({
    env: 'WARD_METRICS_ENABLED',
    type: boolean(),
    default: true,
    description: 'Serve Prometheus metrics at `/metrics`.',
  }),
  jobConcurrency: option({
    env: 'WARD_JOB_CONCURRENCY',
    type: integer(1, 256),
    default: 4,
    description: 'Background jobs this process runs at once.',
  }),
  shutdownTimeoutMs: option({
    env: 'WARD_SHUTDOWN_TIMEOUT_MS',
    type: integer(0, 600_000),
    default: 10_000,
    description: 'How long a stopping server waits for requests and jobs in flight before it exits anyway.',
  }),
  complianceIntervalSeconds: option({
    env: 'WARD_COMPLIANCE_INTERVAL_SECONDS',
    type: integer(1, 3600),
    default: runDueComplianceEveryMs / 1000,
    description: 'How often the compliance sweep runs: it moves devices whose state changes with time alone (grace period ended, compliance validity expired, a check-in rule lapsed) and carries out the scheduled noncompliance actions that are due (e-mail, webhook, lock, retire). Actions are scheduled in hours, so the default is precise enough; every server process declares the same schedule and each tick runs once.',
  }),
  smtpHost: optional({
    env: 'WARD_SMTP_HOST',
    type: hostnameOrIp,
    defaultText: '(unset: Ward sends no e-mail)',
    description: 'The SMTP relay Ward sends its e-mail through (compliance notifications to users). Unset, every e-mail action is recorded as failed with `SMTP_NOT_CONFIGURED` instead of being sent. Set `WARD_SMTP_FROM` with it.',
  }),
  smtpPort: optional({
    env: 'WARD_SMTP_PORT',
    type: integer(1, 65535),
    defaultText: '`465` when `WARD_SMTP_TLS` is `implicit`, else `587`',
    description: 'Port of the SMTP relay.',
  }),
  smtpTls: option({
    env: 'WARD_SMTP_TLS',
    type: oneOf(['starttls', 'implicit', 'opportunistic']),
    default: 'starttls',
    description: 'How the connection to the relay is encrypted. `starttls`: the relay must offer STARTTLS and the upgrade must succeed (submission, port 587). `implicit`: TLS from the first byte (port 465). `opportunistic`: STARTTLS when the relay offers it, plain text otherwise; for a relay on a trusted network only, and refused with credentials, which would otherwise cross the network in clear whenever STARTTLS is missing or stripped. The relay\'s certificate is always verified.',
  }),
  smtpUser: optional({
    env: 'WARD_SMTP_USER',
    type: text(),
    defaultText: '(unset: no authentication)',
    description: 'User name for SMTP authentication. Set together with `WARD_SMTP_PASSWORD`.',
  }),
  smtpPassword: optional({
    env: 'WARD_SMTP_PASSWORD',
    type: text(),
    defaultText: '(unset)',
    description: 'Password for SMTP authentication. Set together with `WARD_SMTP_USER`. No command-line flag, so it never shows in a process list.',
    secret: true,
  }),
  smtpFrom: optional({
    env: 'WARD_SMTP_FROM',
    type: mailbox,
    defaultText: '(unset)',
    description: 'The From of the e-mail Ward sends: `ward@example.com` or `IT Support <ward@example.com>`. Needed when `WARD_SMTP_HOST` is set.',
  }),
  smtpCaFile: optional({
    env: 'WARD_SMTP_CA_FILE',
    type: text(),
    defaultText: '(unset: the public roots Node.js trusts)',
    description: 'PEM file of the CA certificates that sign the relay\'s certificate, for a relay with a private CA. When set, only these CAs are trusted for the relay.',
  }),
  webhookAllowHttpLoopback: option({
    env: 'WARD_WEBHOOK_ALLOW_HTTP_LOOPBACK',
    type: boolean(),
    default: false,
    description: 'For development: allow webhook URLs with `http://` when their host is a loopback address (`127.0.0.0/8`, `::1`, `localhost`). Webhooks otherwise need `https://`. Whatever this says, Ward refuses webhook URLs whose host resolves to a link-local, cloud metadata or unspecified address (`169.254.0.0/16`, `fe80::/10`, `fd00:ec2::254`, `100.100.100.200`, `0.0.0.0/8`, `::`), so an admin-supplied URL cannot reach the host\'s instance metadata and its credentials.',
  }),
  appleOrganization: option({
    env: 'WARD_APPLE_ORGANIZATION',
    type: text({ pattern: /^[^\p{Cc}]{1,64}$/u, message: 'must be 1 to 64 printable characters' }),
    default: 'Ward',
    description: 'The organisation name Apple devices show on Ward\'s profiles (PayloadOrganization): the enrollment profile and every configuration profile.',
  }),
  appleIdentifierPrefix: optional({
    env: 'WARD_APPLE_IDENTIFIER_PREFIX',
    type: text({ pattern: /^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,20}$/, message: 'must be a reverse-DNS name such as com.example.mdm' }),
    defaultText: '(the public host name reversed, e.g. com.example.mdm)',
    description: 'The reverse-DNS prefix of the identifiers of Ward\'s profiles on Apple devices (`<prefix>.enrollment`, `<prefix>.profile.<id>`). Changing it after devices enrolled makes Ward reinstall every profile under the new names.',
  }),
  apnsOrigin: option({
    env: 'WARD_APNS_ORIGIN',
    type: url(['https']),
    default: 'https://api.push.apple.com',
    description: 'Apple\'s push service. Use `https://api.sandbox.push.apple.com` for development devices, or a test double of APNs in tests.',
  }),
  apnsCaFile: optional({
    env: 'WARD_APNS_CA_FILE',
    type: text(),
    defaultText: '(unset: the system\'s trusted CAs)',
    description: 'PEM file of the CA certificates that sign the push service\'s certificate; only for a push service with a private CA (a test double).',
  }),
} as const;

/** The name of an option. */
export type ConfigKey = keyof typeof configSchema;

type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/** The validated, frozen configuration of one process. */
export type WardConfig = { readonly [K in ConfigKey]: ValueOf<(typeof configSchema)[K]> };

/** The options in documentation order. */
export const configKeys = Object.keys(configSchema) as ConfigKey[];
