import { stringify } from 'yaml';
import { mapSecrets, type ExportedPolicyBundle, type ProfileContent } from '@ward/core';
import { referenceFields, referenceHolders } from './policy-file-layout.js';
import type { PolicyFolder } from './read-policy-files.js';

/** One file to write, relative to the export directory. */
export interface ExportedFile {
  readonly path: string;
  readonly text: string;
}

/** A secret left out of the files, and the variable `apply` reads it from. */
export interface ExportedSecret {
  readonly env: string;
  readonly file: string;
  readonly field: string;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A file name from an object's name: lower-case ASCII letters, digits and dashes. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'unnamed' : slug;
}

/** `slug`, `slug-2`, … unique within one folder. */
function uniqueSlugs(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = slugOf(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}

const envPart = (text: string): string => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * Keys in a stable, readable order: `first` in that order, then the rest alphabetically, at every
 * level; null values dropped (absent reads the same on apply). Lists keep their order, which
 * means something (rules, on-demand rules, peers).
 */
function ordered(value: unknown, first: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, ['id', 'kind', 'target', 'mode']));
  if (!isPlain(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined);
  const head = first.filter((k) => keys.includes(k));
  const tail = keys.filter((k) => !first.includes(k)).sort(compare);
  return Object.fromEntries([...head, ...tail].map((k) => [k, ordered(value[k])]));
}

/** A bundle assignment as the entry of an item file's `assignments:`. */
function fileAssignment(a: Plain): Plain {
  const target = isPlain(a.target) ? a.target : {};
  const filter = isPlain(a.filter) ? { name: a.filter.name, mode: a.filter.mode } : undefined;
  return {
    target: target.type === 'group' ? { group: target.group } : target.type,
    ...(a.mode === 'exclude' ? { mode: 'exclude' } : {}),
    ...(filter === undefined ? {} : { filter }),
    ...(a.intent === undefined || a.intent === 'required' ? {} : { intent: a.intent }),
  };
}

/** Include before exclude; all devices, all users, then groups by name. */
function assignmentOrder(a: Plain): string {
  const target = isPlain(a.target) ? a.target : {};
  const t = target.type === 'allDevices' ? '0' : target.type === 'allUsers' ? '1' : `2${typeof target.group === 'string' ? target.group.toLowerCase() : ''}`;
  return `${a.mode === 'exclude' ? '1' : '0'}\u0000${t}`;
}

/** Certificate references under the file's field names (`clientCertificateProfile`). */
function referencesInFileFields(body: Plain): Plain {
  const out: Plain = { ...body };
  for (const holderPath of referenceHolders) {
    const key = holderPath.split('.')[1] ?? '';
    const holder = body[key];
    if (!isPlain(holder)) continue;
    out[key] = Object.fromEntries(Object.entries(holder).map(([k, v]) => [Object.entries(referenceFields).find(([, api]) => api === k)?.[0] ?? k, v]));
  }
  return out;
}

/** The environment variable's suffix for a profile secret path (`peers[<key>].presharedKey` by peer number). */
function secretSuffix(path: string, body: Plain): string {
  const peer = /^peers\[(.+)\]\.(\w+)$/.exec(path);
  if (peer !== null) {
    const peers = Array.isArray(body.peers) ? body.peers : [];
    const index = peers.findIndex((p: unknown) => isPlain(p) && p.publicKey === peer[1]);
    return `PEER${index + 1}_${envPart(peer[2] ?? '')}`;
  }
  return envPart(path.replace(/^.*\./, ''));
}

/**
 * The files of an exported bundle: one per object under `profiles/`, `compliance/`, `groups/`,
 * `filters/`, named after the object, each item's assignments inside its file. Secrets become
 * `${env:WARD_SECRET_…}` placeholders, listed in `secrets`. The output depends only on the
 * bundle (sorted objects, ordered keys), so exporting twice gives the same bytes and applying an
 * export changes nothing.
 */
export function bundleToPolicyFiles(bundle: ExportedPolicyBundle): { readonly files: ExportedFile[]; readonly secrets: ExportedSecret[] } {
  const files: ExportedFile[] = [];
  const secrets: ExportedSecret[] = [];
  const assignmentsOf = new Map<string, Plain[]>();
  for (const a of bundle.assignments) {
    const item = isPlain(a.item) ? a.item : {};
    const key = `${String(item.kind)}\u0000${typeof item.name === 'string' ? item.name.toLowerCase() : ''}`;
    assignmentsOf.set(key, [...(assignmentsOf.get(key) ?? []), a]);
  }
  const assignmentsFor = (kind: string, name: unknown): Plain[] | undefined => {
    const list = assignmentsOf.get(`${kind}\u0000${typeof name === 'string' ? name.toLowerCase() : ''}`);
    if (list === undefined || list.length === 0) return undefined;
    return [...list].sort((a, b) => compare(assignmentOrder(a), assignmentOrder(b))).map(fileAssignment);
  };

  const emit = (folder: PolicyFolder, objects: readonly Plain[], render: (object: Plain, slug: string, file: string) => Plain, first: readonly string[]): void => {
    const sorted = [...objects].sort((a, b) => compare(String(a.name).toLowerCase(), String(b.name).toLowerCase()) || compare(String(a.name), String(b.name)));
    const slugs = uniqueSlugs(sorted.map((o) => String(o.name)));
    sorted.forEach((object, i) => {
      const slug = slugs[i] ?? 'unnamed';
      const file = `${folder}/${slug}.yaml`;
      files.push({ path: file, text: stringify(ordered(render(object, slug, file), first), { lineWidth: 0 }) });
    });
  };

  emit('groups', bundle.groups, (g) => ({ ...g, description: g.description === '' ? undefined : g.description }), ['name', 'description', 'memberType', 'membershipType', 'rule']);
  emit('filters', bundle.filters, (f) => ({ ...f, description: f.description === '' ? undefined : f.description }), ['name', 'description', 'platform', 'rule']);
  emit(
    'profiles',
    bundle.profiles,
    (p, slug, file) => {
      const body = isPlain(p.body) ? p.body : {};
      // The core exported this content from a stored profile (secrets null), so it has the content's shape.
      const content = { kind: p.kind, body } as unknown as ProfileContent<string | null>;
      const withPlaceholders = mapSecrets(content, (_secret, path) => {
        const env = `WARD_SECRET_${envPart(slug)}_${secretSuffix(path, body)}`;
        secrets.push({ env, file, field: `body.${path}` });
        return `\${env:${env}}`;
      });
      return { ...p, description: p.description === '' ? undefined : p.description, body: referencesInFileFields(withPlaceholders.body as unknown as Plain), assignments: assignmentsFor('profile', p.name) };
    },
    ['name', 'description', 'kind', 'platforms', 'body', 'assignments'],
  );
  emit(
    'compliance',
    bundle.compliancePolicies,
    (p, slug, file) => {
      const actions = Array.isArray(p.actions) ? p.actions : [];
      return {
        ...p,
        description: p.description === '' ? undefined : p.description,
        actions: actions.map((a: unknown, i) => {
          if (!isPlain(a) || a.kind !== 'notifyWebhook') return a;
          const env = `WARD_SECRET_${envPart(slug)}_${envPart(typeof a.id === 'string' ? a.id : `action${i + 1}`)}_SECRET`;
          secrets.push({ env, file, field: `actions[${i}].secret` });
          return { ...a, secret: `\${env:${env}}` };
        }),
        assignments: assignmentsFor('compliancePolicy', p.name),
      };
    },
    ['name', 'description', 'platforms', 'validityDays', 'rules', 'actions', 'assignments'],
  );
  return { files, secrets };
}
