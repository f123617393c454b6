import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configKeys, configSchema, type ConfigKey, type OptionSpec, type WardConfig } from './config-schema.js';

/** Where the configuration is read from. */
export interface ConfigSources {
  /** The process environment (only `WARD_*` variables are read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Command-line flag values by option name, as typed. */
  readonly flags?: Readonly<Partial<Record<ConfigKey, string>>>;
  /** The config file from `--config`; falls back to `WARD_CONFIG_FILE`. */
  readonly configFile?: string;
  /** Reads the config file; node:fs unless a test passes another. */
  readonly readFile?: (path: string) => string;
}

/** The outcome: a frozen configuration, or one line per problem found. */
export type LoadedConfig = { readonly ok: true; readonly config: WardConfig; readonly configFile: string | undefined } | { readonly ok: false; readonly errors: readonly string[] };

/** The environment variable that names the config file. */
export const configFileEnv = 'WARD_CONFIG_FILE';

const describeValue = (spec: OptionSpec<unknown>, raw: unknown): string => (spec.secret === true ? '(value hidden)' : `got ${JSON.stringify(raw)}`);

/**
 * Reads every option from defaults < config file < environment < flags, validates each, and
 * reports every problem at once (one line each, naming where the wrong value came from) rather
 * than stopping at the first, so an operator fixes a deployment in one round.
 */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const errors: string[] = [];
  const values = new Map<ConfigKey, unknown>();
  for (const key of configKeys) values.set(key, configSchema[key].default);

  const set = (key: ConfigKey, raw: unknown, where: string): void => {
    const spec: OptionSpec<unknown> = configSchema[key];
    const parsed = spec.type.parse(raw);
    if (parsed.ok) values.set(key, parsed.value);
    else errors.push(`${where}: ${parsed.message}, ${describeValue(spec, raw)}`);
  };

  const envFile = sources.env[configFileEnv];
  const configFile = sources.configFile ?? (envFile !== undefined && envFile !== '' ? envFile : undefined);
  if (configFile !== undefined) {
    const path = resolve(configFile);
    const file = readConfigFile(path, sources.readFile ?? ((p) => readFileSync(p, 'utf8')));
    if (!file.ok) errors.push(file.error);
    else {
      for (const [name, raw] of Object.entries(file.value)) {
        if (!(configKeys as string[]).includes(name)) {
          errors.push(`${path}: unknown option "${name}" (options are ${configKeys.join(', ')})`);
          continue;
        }
        set(name as ConfigKey, raw, `${name} in ${path}`);
      }
    }
  }

  for (const key of configKeys) {
    const spec = configSchema[key];
    const raw = sources.env[spec.env];
    // An empty variable counts as unset: orchestrators often declare variables they leave blank.
    if (raw !== undefined && raw !== '') set(key, raw, spec.env);
  }

  for (const key of configKeys) {
    const raw = sources.flags?.[key];
    const spec: OptionSpec<unknown> = configSchema[key];
    if (raw !== undefined) set(key, raw, `--${spec.flag ?? key}`);
  }

  if ((values.get('tlsCertFile') === undefined) !== (values.get('tlsKeyFile') === undefined)) {
    errors.push(`${configSchema.tlsCertFile.env} and ${configSchema.tlsKeyFile.env}: set both or neither`);
  }

  const proxies = values.get('trustedProxies');
  if (values.get('trustedProxyClientCertHeader') === true && (!Array.isArray(proxies) || proxies.length === 0)) {
    errors.push(`${configSchema.trustedProxyClientCertHeader.env}: needs ${configSchema.trustedProxies.env}, the proxies whose Client-Cert header is believed`);
  }

  const proxyTermination = proxyTerminationError(values);
  if (proxyTermination !== undefined) errors.push(proxyTermination);

  errors.push(...smtpConsistencyErrors(values));

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: Object.freeze(Object.fromEntries(values)) as WardConfig, configFile };
}

type FileRead = { readonly ok: true; readonly value: Readonly<Record<string, unknown>> } | { readonly ok: false; readonly error: string };

function readConfigFile(path: string, read: (path: string) => string): FileRead {
  let body: string;
  try {
    body = read(path);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    return { ok: false, error: `${configFileEnv}: cannot read the config file ${path}: ${reason}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: `${path}: must hold a JSON object of options, such as {"port": 8443}` };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * Behind a TLS-terminating proxy, Ward sees no client certificate of its own: a device is whoever
 * the `Client-Cert` header from a trusted proxy says it is. Without both settings every device would
 * be refused (or, worse, a misread deployment would believe headers from anyone), and without the
 * proxy's https URL the enrollment commands would name Ward's plain HTTP port. One line for all.
 */
function proxyTerminationError(values: ReadonlyMap<ConfigKey, unknown>): string | undefined {
  if (values.get('tlsTermination') !== 'proxy') return undefined;
  const missing: string[] = [];
  const proxies = values.get('trustedProxies');
  if (!Array.isArray(proxies) || proxies.length === 0) missing.push(configSchema.trustedProxies.env);
  if (values.get('trustedProxyClientCertHeader') !== true) missing.push(`${configSchema.trustedProxyClientCertHeader.env}=true`);
  const publicUrl = values.get('publicUrl');
  if (typeof publicUrl !== 'string' || new URL(publicUrl).protocol !== 'https:') missing.push(`an https ${configSchema.publicUrl.env} (the proxy's)`);
  if (missing.length === 0) return undefined;
  return `${configSchema.tlsTermination.env}=proxy: needs ${missing.join(', ')}, because devices then authenticate only by the Client-Cert header the trusted proxies send`;
}

/** The SMTP options that only make sense together. */
function smtpConsistencyErrors(values: ReadonlyMap<ConfigKey, unknown>): string[] {
  const errors: string[] = [];
  const isSet = (key: ConfigKey): boolean => values.get(key) !== undefined;
  const env = (key: ConfigKey): string => configSchema[key].env;
  if (isSet('smtpUser') !== isSet('smtpPassword')) errors.push(`${env('smtpUser')} and ${env('smtpPassword')}: set both or neither`);
  if (isSet('smtpHost') && !isSet('smtpFrom')) errors.push(`${env('smtpFrom')}: needed when ${env('smtpHost')} is set, as the From of the e-mail Ward sends`);
  const dependants = (['smtpPort', 'smtpUser', 'smtpPassword', 'smtpFrom', 'smtpCaFile'] as const).filter(isSet);
  if (!isSet('smtpHost') && dependants.length > 0) errors.push(`${dependants.map(env).join(', ')}: set without ${env('smtpHost')}, the relay they belong to`);
  if (values.get('smtpTls') === 'opportunistic' && isSet('smtpUser')) {
    errors.push(`${env('smtpTls')}: opportunistic would send the SMTP password in clear whenever the relay does not offer STARTTLS (or it is stripped); use starttls or implicit with credentials`);
  }
  return errors;
}
