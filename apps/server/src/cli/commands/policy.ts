import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { applyPolicyBundle, exportPolicyBundle, type DeviceId, type DeviceStore, type PolicyBundleOutcome, type TenantId } from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { CliExit, exitCodes } from '../cli-exit.js';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { describeError } from '../describe-error.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { bundleToPolicyFiles } from '../policy/bundle-to-policy-files.js';
import { checkPolicyBundle } from '../policy/check-policy-bundle.js';
import { formatBundleOutcome, type KeptObjects } from '../policy/format-bundle-outcome.js';
import { locateBundleFailure } from '../policy/locate-bundle-failure.js';
import { nameKey, policyFilesToBundle, type PolicyFileBundle } from '../policy/policy-files-to-bundle.js';
import { formatPolicyProblem, sortPolicyProblems, type PolicyProblem } from '../policy/policy-problem.js';
import { policyFolders, readPolicyFiles } from '../policy/read-policy-files.js';
import { withWard } from '../with-ward.js';

/** Devices named per impact list; the counts are exact. */
const listedDevices = 10;

/** Ends the command with every problem, one `file:line:column: message` line each, nothing applied. */
function refuse(problems: readonly PolicyProblem[], dir: string): never {
  const lines = sortPolicyProblems(problems).map(formatPolicyProblem);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new CliExit(exitCodes.failure, [...lines, `(${count} in ${dir}; nothing was applied)`]);
}

/** YAML files already in the policy folders of `dir` (relative paths). */
async function existingPolicyFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = join(folder, e.name);
      if (e.isDirectory()) await walk(full);
      else if (/\.ya?ml$/i.test(e.name)) found.push(full);
    }
  };
  for (const folder of Object.keys(policyFolders)) await walk(join(dir, folder));
  return found;
}

interface ExportOptions {
  readonly out: string;
  readonly force?: boolean;
}

interface ApplyOptions {
  readonly file: string;
  readonly dryRun?: boolean;
  readonly prune?: boolean;
  readonly json?: boolean;
}

/**
 * `ward policy export|apply`: policy as code. Export writes the tenant's profiles, compliance
 * policies, assignment filters, the groups assignments target, and the assignments as YAML
 * files; apply reads such a directory, reports every problem at its file and line, and applies
 * the whole of it in one transaction (or, with --dry-run, prints the diff and the devices it
 * would change). docs/policy-as-code.md describes the files.
 */
export function policyCommand(program: Command, io: CliIo): Command {
  const policy = program.command('policy').description('Policy as code: export profiles, compliance policies, groups, filters and assignments as YAML files, and apply such files.');

  const exportCmd = policy
    .command('export')
    .description('Write the tenant\'s policy as YAML files, one per object (profiles/, compliance/, groups/, filters/). Secrets become ${env:NAME} placeholders.')
    .option('-o, --out <dir>', 'directory to write to', 'ward-policy')
    .option('--force', 'replace the YAML files already in the policy folders of the directory');
  addConfigFlags(exportCmd, commonConfigKeys);
  exportCmd.action(async (options: ExportOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const dir = resolve(options.out);
    const info = await stat(dir).catch(() => undefined);
    if (info !== undefined && !info.isDirectory()) throw new CliExit(exitCodes.usage, [`${options.out} exists and is not a directory.`]);
    const existing = await existingPolicyFiles(dir);
    if (existing.length > 0 && options.force !== true) {
      throw new CliExit(exitCodes.usage, [`${options.out} holds ${existing.length} policy files already; add --force to replace them (files of objects no longer in the tenant are removed).`]);
    }
    const exported = await withWard(io, config, async ({ runtime, principal }) => {
      const bundle = await exportPolicyBundle(runtime.deps, principal);
      if (!bundle.ok) exitOnFailure(bundle);
      return bundle.value;
    });
    const { files, secrets } = bundleToPolicyFiles(exported);
    // Replace, not merge: a stale file would bring back an object deleted since the last export.
    for (const file of existing) await rm(file, { force: true });
    for (const file of files) {
      const path = join(dir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text, { mode: 0o644 });
    }
    const counts = Object.keys(policyFolders).map((folder) => `${files.filter((f) => f.path.startsWith(`${folder}/`)).length} ${folder}`);
    io.stdout.write(`Exported ${files.length} files to ${options.out}: ${counts.join(', ')}.\n`);
    if (secrets.length > 0) {
      io.stderr.write(`Secrets are not exported. \`ward policy apply\` reads them from these environment variables:\n${secrets.map((s) => `  ${s.env}  (${s.file} ${s.field})`).join('\n')}\n`);
    }
  });

  const apply = policy
    .command('apply')
    .description('Apply a directory of policy YAML files in one transaction: all of it or, on any problem, nothing.')
    .requiredOption('-f, --file <dir>', 'the policy directory (as written by `ward policy export`)')
    .option('--dry-run', 'print the changes and the devices they would affect; change nothing')
    .option('--prune', 'also delete profiles, compliance policies, filters and assignments the files do not list (never groups)')
    .option('--json', 'print the outcome as JSON');
  addConfigFlags(apply, commonConfigKeys);
  apply.action(async (options: ApplyOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const dir = options.file;
    if ((await stat(resolve(dir)).catch(() => undefined))?.isDirectory() !== true) throw new CliExit(exitCodes.usage, [`${dir} is not a directory.`]);
    const read = await readPolicyFiles(resolve(dir));
    if (read.problems.length > 0) refuse(read.problems, dir);
    // An empty directory with --prune would delete every profile: most likely a wrong path.
    if (read.files.length === 0) throw new CliExit(exitCodes.usage, [`${dir} holds no policy files (*.yaml under ${Object.keys(policyFolders).map((f) => `${f}/`).join(', ')}); nothing to apply.`]);
    const parsed = policyFilesToBundle(read.files, io.env);
    const files = parsed.result;
    const prune = options.prune === true;
    const dryRun = options.dryRun === true;

    await withWard(io, config, async ({ runtime, principal }) => {
      const current = await exportPolicyBundle(runtime.deps, principal);
      if (!current.ok) exitOnFailure(current);
      const names = (list: readonly Record<string, unknown>[]): Set<string> => new Set(list.flatMap((o) => (typeof o.name === 'string' ? [nameKey(o.name)] : [])));
      const tenantGroups = new Set<string>();
      for (const group of referencedGroups(files)) {
        if ((await runtime.deps.stores.getGroupByName(principal.tenantId, group)) !== undefined) tenantGroups.add(nameKey(group));
      }
      // Problems of the files' shape and of their values and references, reported together.
      const problems = [...parsed.problems, ...checkPolicyBundle(files, { profiles: names(current.value.profiles), filters: names(current.value.filters), groups: tenantGroups }, prune)];
      if (problems.length > 0) refuse(problems, dir);

      let outcome: Awaited<ReturnType<typeof applyPolicyBundle>>;
      try {
        outcome = await applyPolicyBundle(runtime.deps, principal, { bundle: files.bundle, dryRun, prune });
      } catch (error) {
        // The transaction rolled back: say so, as plainly as the failure itself.
        throw new CliExit(exitCodes.failure, [`${dryRun ? 'The dry run' : 'Applying'} failed: ${describeError(error)}`, `(nothing was applied from ${dir})`], { cause: error });
      }
      if (!outcome.ok) {
        const located = locateBundleFailure(outcome, files.origins);
        if (located !== undefined) refuse([located], dir);
        throw new CliExit(exitCodes.failure, [`${outcome.message} (${outcome.code})`, `(nothing was applied from ${dir})`]);
      }
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify(outcome.value)}\n`);
        return;
      }
      const kept: KeptObjects = {
        profiles: [...names(current.value.profiles)].filter((n) => !files.names.profiles.has(n)).length,
        compliancePolicies: [...names(current.value.compliancePolicies)].filter((n) => !files.names.compliancePolicies.has(n)).length,
        filters: [...names(current.value.filters)].filter((n) => !files.names.filters.has(n)).length,
      };
      const labels = await deviceLabels(runtime.deps.stores, principal.tenantId, outcome.value);
      io.stdout.write(formatBundleOutcome(outcome.value, { prune, kept, listed: listedDevices, deviceLabel: (id) => labels.get(id) ?? id }));
    });
  });
  return policy;
}

/** Group names the files' assignments target, as written. */
function referencedGroups(files: PolicyFileBundle): string[] {
  const groups = new Set<string>();
  for (const a of files.bundle.assignments) {
    const target = a.target;
    if (typeof target === 'object' && target !== null && 'group' in target && typeof target.group === 'string') groups.add(target.group);
  }
  return [...groups];
}

/** `name (id)` of the first devices each impact list names. */
async function deviceLabels(stores: Pick<DeviceStore, 'getDevices'>, tenantId: TenantId, outcome: PolicyBundleOutcome): Promise<Map<string, string>> {
  const ids = [...new Set([...outcome.impact.configurationDeviceIds.slice(0, listedDevices), ...outcome.impact.complianceDeviceIds.slice(0, listedDevices)])] as DeviceId[];
  const labels = new Map<string, string>();
  if (ids.length === 0) return labels;
  for (const d of await stores.getDevices(tenantId, ids)) labels.set(d.id, `${d.name} (${d.id})`);
  return labels;
}
