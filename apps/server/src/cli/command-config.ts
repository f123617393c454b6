import type { Command } from 'commander';
import { configSchema, type ConfigKey, type WardConfig } from '../config/config-schema.js';
import { loadConfig, type ConfigSources } from '../config/load-config.js';
import { CliExit, exitCodes } from './cli-exit.js';
import type { CliIo } from '@ward/cli-kit';

/** The options every command that opens Ward accepts. */
export const commonConfigKeys: readonly ConfigKey[] = ['dataDir', 'databaseUrl', 'logLevel', 'logFormat'];

/** Every option that has a flag, for `ward serve`. */
export const flaggedConfigKeys = (Object.keys(configSchema) as ConfigKey[]).filter((key) => configSchema[key].flag !== undefined);

/**
 * Adds `--config FILE` and the flags of the given options, documented from the schema. Values stay
 * strings here; the config loader parses and validates them with every other source.
 */
export function addConfigFlags(command: Command, keys: readonly ConfigKey[]): Command {
  command.option('--config <file>', 'JSON config file (or WARD_CONFIG_FILE)');
  for (const key of keys) {
    const spec = configSchema[key];
    if (spec.flag === undefined) continue;
    command.option(`--${spec.flag} <value>`, `${spec.description.split('. ')[0] ?? ''} (${spec.env})`.replace('.. (', '. ('));
  }
  return command;
}

/** The config sources of a command: its flag values (commander names them like the options), `--config` and the environment. */
export function configSourcesOf(io: CliIo, options: Readonly<Record<string, unknown>>): ConfigSources {
  const flags: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(configSchema) as ConfigKey[]) {
    const value = options[key];
    if (typeof value === 'string') flags[key] = value;
  }
  const configFile = typeof options.config === 'string' ? options.config : undefined;
  return { env: io.env, flags, ...(configFile === undefined ? {} : { configFile }) };
}

/**
 * The configuration for a command from its flags, the environment and the config file. Every
 * problem is reported and the command ends with status 2.
 */
export function configFromFlags(io: CliIo, options: Readonly<Record<string, unknown>>): WardConfig {
  const loaded = loadConfig(configSourcesOf(io, options));
  if (!loaded.ok) {
    const count = loaded.errors.length === 1 ? '1 configuration problem' : `${loaded.errors.length} configuration problems`;
    throw new CliExit(exitCodes.usage, [...loaded.errors, `(${count}; docs/configuration.md describes every option)`]);
  }
  return loaded.config;
}
