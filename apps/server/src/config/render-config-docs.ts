import { configKeys, configSchema, type OptionSpec } from './config-schema.js';
import { configFileEnv } from './load-config.js';

function defaultOf(spec: OptionSpec<unknown>): string {
  if (spec.defaultText !== undefined) return spec.defaultText;
  const value = spec.default;
  if (value === undefined) return '(unset)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : `\`${value.join(',')}\``;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `\`${String(value)}\`` : `\`${JSON.stringify(value)}\``;
}

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * docs/configuration.md, generated from the config schema so the documentation cannot drift from
 * the code (`npm run docs:config` rewrites it; a test fails when it is stale).
 */
export function renderConfigDocs(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from apps/server/src/config/config-schema.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Ward reads its configuration at start, from these sources; a later one overrides an earlier one:',
    '',
    '1. the defaults below;',
    `2. a JSON config file named by \`--config FILE\` or \`${configFileEnv}\`, whose keys are the option names below (\`{"port": 8443, "tlsHostnames": ["mdm.example.com"]}\`);`,
    '3. environment variables (an empty variable counts as unset);',
    '4. command-line flags (`ward serve --port 9443`).',
    '',
    'Every value is validated before anything starts. Each wrong value is reported on its own line, naming where it came from,',
    'and the process exits with status 2:',
    '',
    '```',
    'WARD_PORT: must be an integer from 0 to 65535, got "abc"',
    '```',
    '',
    'Lists are comma-separated in the environment and in flags, and JSON arrays in the config file.',
    '',
    '| Option | Environment | Flag | Type | Default |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const key of configKeys) {
    const spec: OptionSpec<unknown> = configSchema[key];
    const flag = spec.flag === undefined ? '' : `\`--${spec.flag}\``;
    lines.push(`| [\`${key}\`](#${key.toLowerCase()}) | \`${spec.env}\` | ${flag} | ${cell(spec.type.label)} | ${cell(defaultOf(spec))} |`);
  }
  for (const key of configKeys) {
    const spec: OptionSpec<unknown> = configSchema[key];
    lines.push('', `## ${key}`, '', spec.description, '');
    lines.push(`- Environment: \`${spec.env}\``);
    if (spec.flag !== undefined) lines.push(`- Flag: \`--${spec.flag}\``);
    lines.push(`- Type: ${spec.type.label}`, `- Default: ${defaultOf(spec)}`);
    if (spec.secret === true) lines.push('- Secret: never printed, not even in error messages.');
  }
  return `${lines.join('\n')}\n`;
}
