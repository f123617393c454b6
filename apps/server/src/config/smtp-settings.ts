import { readFileSync } from 'node:fs';
import type { SmtpSettings } from '../adapters/smtp-mailer.js';
import { configSchema, type WardConfig } from './config-schema.js';

/** The relay settings, `undefined` when no relay is configured, or why the CA file is unusable. */
export type LoadedSmtpSettings = { readonly ok: true; readonly settings: SmtpSettings | undefined } | { readonly ok: false; readonly error: string };

/**
 * The SMTP relay as the configuration describes it, with the CA file read now so that a missing
 * or wrong file stops the start instead of failing the first notification hours later.
 * `loadConfig` has already checked that the options fit together.
 */
export function smtpSettings(config: WardConfig, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): LoadedSmtpSettings {
  const { smtpHost: host, smtpFrom: from } = config;
  if (host === undefined || from === undefined) return { ok: true, settings: undefined };
  let caPem: string | undefined;
  if (config.smtpCaFile !== undefined) {
    try {
      caPem = readFile(config.smtpCaFile);
    } catch (error) {
      const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
      return { ok: false, error: `${configSchema.smtpCaFile.env}: cannot read ${config.smtpCaFile}: ${reason}` };
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) {
      return { ok: false, error: `${configSchema.smtpCaFile.env}: ${config.smtpCaFile} holds no PEM certificate` };
    }
  }
  const auth = config.smtpUser !== undefined && config.smtpPassword !== undefined ? { user: config.smtpUser, password: config.smtpPassword } : undefined;
  return {
    ok: true,
    settings: {
      host,
      port: config.smtpPort ?? (config.smtpTls === 'implicit' ? 465 : 587),
      tls: config.smtpTls,
      from,
      ...(auth === undefined ? {} : { auth }),
      ...(caPem === undefined ? {} : { caPem }),
    },
  };
}
