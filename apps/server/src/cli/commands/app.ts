import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  appKinds,
  appPackageFormats,
  assignmentIntents,
  createApp,
  createAssignment,
  deleteApp,
  getApp,
  listApps,
  listAppVersions,
  removeUnreferencedAppPackageBlobs,
  uploadAppPackage,
  type App,
  type AppKind,
  type AppPackageFormat,
  type AppVersion,
} from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { CliExit, exitCodes } from '../cli-exit.js';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { collectPages, parseListLimit } from '../collect-pages.js';
import { collectRepeated } from '../collect-repeated.js';
import { printList } from '../print-list.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { createProgressReporter } from '../progress-reporter.js';
import { formatTable } from '../format-table.js';
import { withWard } from '../with-ward.js';
import { openAppPackageFiles } from '../../runtime/app-package-files.js';

/** The options of the commands that store or remove package files, besides the common ones. */
const packageConfigKeys = [...commonConfigKeys, 'appPackageDir'] as const;

/** An icon is a PNG of at most 256 KiB; the core checks the bytes, this only keeps a huge file out of memory. */
const maxIconFileBytes = 256 * 1024;

function oneOf<const V extends readonly string[]>(flag: string, value: string, values: V): V[number] {
  if (!(values as readonly string[]).includes(value)) throw new CliExit(exitCodes.usage, [`${flag}: must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`]);
  return value;
}

async function readIcon(file: string): Promise<string> {
  try {
    if ((await stat(file)).size > maxIconFileBytes) throw new CliExit(exitCodes.usage, [`--icon: ${file} is larger than 256 KiB`]);
    return (await readFile(file)).toString('base64');
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(exitCodes.usage, [`--icon: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function parseDetails(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliExit(exitCodes.usage, ['--details: must be a JSON object, e.g. \'{"url":"https://intranet.example.com"}\'']);
  }
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function appRow(app: App): string[] {
  return [app.id, app.kind, app.name, app.identifier, app.platforms.join(','), app.currentVersionId ?? '-'];
}

function versionRows(versions: readonly AppVersion[], current: string | null): string[][] {
  return versions.map((v) => [v.id === current ? '*' : '', v.version, v.format, v.architecture ?? '-', mib(v.sizeBytes), v.sha256, v.fileName, v.createdAt.toISOString()]);
}

const versionHeader = ['', 'VERSION', 'FORMAT', 'ARCH', 'SIZE', 'SHA-256', 'FILE', 'UPLOADED'];

/**
 * `ward app create|list|show|upload|versions|assign|delete`: the app catalog from the host, through
 * the same use cases as the API. `upload` streams a package file into the package directory
 * (`WARD_APP_PACKAGE_DIR`, shared by every server) with progress, and publishes it.
 */
export function appCommand(program: Command, io: CliIo): Command {
  const apps = program.command('app').description('Manage the app catalog: create apps, upload line-of-business packages, assign and delete them.');

  const create = apps
    .command('create')
    .description('Add an app to the catalog and print its id.')
    .requiredOption('--name <name>', 'the name people see')
    .requiredOption('--kind <kind>', `one of ${appKinds.join(', ')}`)
    .requiredOption('--identifier <id>', 'bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or (lineOfBusiness) the identifier inside the packages')
    .option('--platform <platform>', 'a platform it is for (repeatable; default: every platform the kind reaches)', collectRepeated, [])
    .option('--publisher <text>', 'who makes it')
    .option('--description <text>', 'what it is for')
    .option('--details <json>', 'the kind\'s details as JSON: appStore {"appStoreId"}, flathub {"remote"}, snap {"channel","classic"}, repository {"packageManagers"}, web {"url"}')
    .option('--icon <file>', 'a PNG of at most 256 KiB')
    .option('--json', 'print the app as JSON');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: { name: string; kind: string; identifier: string; platform: string[]; publisher?: string; description?: string; details?: string; icon?: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const kind: AppKind = oneOf('--kind', options.kind, appKinds);
    const details = parseDetails(options.details);
    const icon = options.icon === undefined ? undefined : await readIcon(options.icon);
    await withWard(io, config, async ({ runtime, principal }) => {
      const created = await createApp(runtime.deps, principal, {
        name: options.name,
        kind,
        identifier: options.identifier,
        ...(options.platform.length === 0 ? {} : { platforms: options.platform }),
        ...(options.publisher === undefined ? {} : { publisher: options.publisher }),
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(details === undefined ? {} : { details }),
        ...(icon === undefined ? {} : { icon }),
      });
      if (!created.ok) exitOnFailure(created);
      const app = created.value;
      if (options.json === true) io.stdout.write(`${JSON.stringify(app)}\n`);
      else {
        io.stderr.write(`Created ${app.kind} app "${app.name}" (${app.identifier}) for ${app.platforms.join(', ')}.\n`);
        io.stdout.write(`${app.id}\n`);
        if (app.kind === 'lineOfBusiness') io.stderr.write(`Upload its package with \`ward app upload ${app.id} FILE\`.\n`);
      }
    });
  });

  const list = apps
    .command('list')
    .description('List the catalog by name.')
    .option('--q <text>', 'only apps whose name, publisher or identifier contains this')
    .option('--kind <kind>', `only apps of this kind (${appKinds.join(', ')})`)
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { q?: string; kind?: string; limit: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    const kind = options.kind === undefined ? undefined : oneOf('--kind', options.kind, appKinds);
    await withWard(io, config, async ({ runtime, principal }) => {
      const filter = { ...(options.q === undefined ? {} : { q: options.q }), ...(kind === undefined ? {} : { kind }) };
      printList(io, await collectPages(limit, (page) => listApps(runtime.deps, principal, { filter, ...page })), {
        json: options.json === true,
        empty: 'No apps. Add one with `ward app create --name NAME --kind KIND --identifier ID`.',
        header: ['ID', 'KIND', 'NAME', 'IDENTIFIER', 'PLATFORMS', 'CURRENT VERSION'],
        row: appRow,
      });
    });
  });

  const show = apps.command('show').description('Show an app and its versions.').argument('<id>', 'the app id').option('--json', 'print the app and its versions as JSON');
  addConfigFlags(show, commonConfigKeys);
  show.action(async (id: string, options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const found = await getApp(runtime.deps, principal, id);
      if (!found.ok) exitOnFailure(found);
      const versions = await listAppVersions(runtime.deps, principal, id);
      if (!versions.ok) exitOnFailure(versions);
      const app = found.value;
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ app, versions: versions.value })}\n`);
        return;
      }
      const lines = [
        `id:          ${app.id}`,
        `name:        ${app.name}`,
        `kind:        ${app.kind}`,
        `identifier:  ${app.identifier}`,
        `publisher:   ${app.publisher === '' ? '-' : app.publisher}`,
        `platforms:   ${app.platforms.join(', ')}`,
        `details:     ${JSON.stringify(app.details)}`,
        `icon:        ${app.iconSha256 ?? '-'}`,
        `version:     ${app.version} (updated ${app.updatedAt.toISOString()})`,
      ];
      io.stdout.write(`${lines.join('\n')}\n`);
      if (versions.value.length > 0) io.stdout.write(`\n${formatTable(versionHeader, versionRows(versions.value, app.currentVersionId))}`);
    });
  });

  const versions = apps.command('versions').description('List an app\'s uploaded versions, newest first; * marks the published one.').argument('<id>', 'the app id').option('--json', 'one JSON object per line');
  addConfigFlags(versions, commonConfigKeys);
  versions.action(async (id: string, options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const app = await getApp(runtime.deps, principal, id);
      if (!app.ok) exitOnFailure(app);
      const listed = await listAppVersions(runtime.deps, principal, id);
      if (!listed.ok) exitOnFailure(listed);
      if (options.json === true) {
        for (const v of listed.value) io.stdout.write(`${JSON.stringify(v)}\n`);
        return;
      }
      if (listed.value.length === 0) {
        io.stderr.write(`No versions. Upload one with \`ward app upload ${id} FILE\`.\n`);
        return;
      }
      io.stdout.write(formatTable(versionHeader, versionRows(listed.value, app.value.currentVersionId)));
    });
  });

  const upload = apps
    .command('upload')
    .description('Upload a package file (.deb, .rpm, .AppImage, .pkg, .msi, .msix, .ipa, .apk) as the next version of a line-of-business app, and publish it.')
    .argument('<id>', 'the app id')
    .argument('<file>', 'the package file')
    .option('--format <format>', `what the file is (${appPackageFormats.join(', ')}; default: its extension)`)
    .option('--sha256 <hex>', 'the SHA-256 the file should have; anything else is refused')
    .option('--json', 'print the published version as JSON');
  addConfigFlags(upload, [...packageConfigKeys]);
  upload.action(async (id: string, file: string, options: { format?: string; sha256?: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const format: AppPackageFormat | undefined = options.format === undefined ? undefined : oneOf('--format', options.format, appPackageFormats);
    const expected = options.sha256?.toLowerCase();
    if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) throw new CliExit(exitCodes.usage, ['--sha256: must be 64 hex digits']);
    let size: number;
    try {
      const found = await stat(file);
      if (!found.isFile()) throw new Error('not a regular file');
      size = found.size;
    } catch (error) {
      throw new CliExit(exitCodes.usage, [`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
    }
    if (size > config.appPackageMaxBytes) throw new CliExit(exitCodes.failure, [`${file} is ${size} bytes, more than WARD_APP_PACKAGE_MAX_BYTES (${config.appPackageMaxBytes}) (PAYLOAD_TOO_LARGE)`]);
    await withWard(io, config, async ({ runtime, principal }) => {
      const appPackages = openAppPackageFiles(config, runtime.dataDir);
      const progress = createProgressReporter(`Uploading ${basename(file)}`, { stream: io.stderr, total: size, unit: 'bytes' });
      async function* counted(): AsyncIterable<Uint8Array> {
        let done = 0;
        for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
          done += chunk.length;
          progress.update(done);
          yield chunk;
        }
      }
      const published = await uploadAppPackage({ ...runtime.deps, appPackages }, principal, {
        appId: id,
        fileName: basename(file),
        bytes: counted(),
        ...(format === undefined ? {} : { declaredFormat: format }),
        ...(expected === undefined ? {} : { expectedSha256: expected }),
      });
      progress.finish();
      if (!published.ok) exitOnFailure(published);
      const { version, app } = published.value;
      if (options.json === true) io.stdout.write(`${JSON.stringify(version)}\n`);
      else {
        io.stderr.write(`Published ${version.name} ${version.version} (${version.format}, ${mib(version.sizeBytes)}) as the current version of "${app.name}"; devices that have or need it get it at their next check-in.\n`);
        io.stdout.write(`${version.id} ${version.sha256}\n`);
      }
    });
  });

  const assign = apps
    .command('assign')
    .description('Assign an app to a group, all users or all devices.')
    .argument('<id>', 'the app id')
    .option('--group <groupId>', 'a group of users or devices')
    .option('--all-users', 'every device that has a primary user')
    .option('--all-devices', 'every device')
    .option('--intent <intent>', assignmentIntents.join(', '), 'required')
    .option('--exclude', 'exclude the target instead (exclude wins)')
    .option('--json', 'print the assignment as JSON');
  addConfigFlags(assign, commonConfigKeys);
  assign.action(async (id: string, options: { group?: string; allUsers?: boolean; allDevices?: boolean; intent: string; exclude?: boolean; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const targets = [options.group === undefined ? undefined : { type: 'group', groupId: options.group }, options.allUsers === true ? { type: 'allUsers' } : undefined, options.allDevices === true ? { type: 'allDevices' } : undefined].filter((t) => t !== undefined);
    if (targets.length !== 1) throw new CliExit(exitCodes.usage, ['give exactly one of --group ID, --all-users, --all-devices']);
    const intent = oneOf('--intent', options.intent, assignmentIntents);
    await withWard(io, config, async ({ runtime, principal }) => {
      const created = await createAssignment(runtime.deps, principal, { itemKind: 'app', itemId: id, target: targets[0], mode: options.exclude === true ? 'exclude' : 'include', intent });
      if (!created.ok) exitOnFailure(created);
      if (options.json === true) io.stdout.write(`${JSON.stringify(created.value)}\n`);
      else io.stderr.write(`Assigned app ${id} (${intent}${options.exclude === true ? ', exclude' : ''}); devices it reaches are recomputed in the background.\n`);
    });
  });

  const remove = apps.command('delete').description('Delete an app with its versions and assignments; devices where Ward installed it remove it at their next check-in.').argument('<id>', 'the app id');
  addConfigFlags(remove, [...packageConfigKeys]);
  remove.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const deleted = await deleteApp(runtime.deps, principal, id);
      if (!deleted.ok) exitOnFailure(deleted);
      const freed = await removeUnreferencedAppPackageBlobs({ ...runtime.deps, appPackages: openAppPackageFiles(config, runtime.dataDir) }, deleted.value.packageSha256s);
      const kept = deleted.value.packageSha256s.length - freed.removed;
      io.stdout.write(`Deleted app ${id} (${deleted.value.assignments} assignments; ${freed.removed} package files removed${kept > 0 ? `, ${kept} kept for other versions or until the next sweep` : ''}).\n`);
    });
  });
  return apps;
}
