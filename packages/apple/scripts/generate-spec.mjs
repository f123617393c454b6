// Generates packages/apple/src/spec/generated/*.ts from Apple's device-management YAML in
// packages/apple/spec/mdm (check-in messages, commands, profile payloads): TypeScript interfaces and
// the runtime schema tables validateAgainstSpec reads. Output is deterministic (inputs sorted, keys in
// Apple's order), and src/spec/generated-spec.test.ts fails when the committed files are stale.
//
//   node packages/apple/scripts/generate-spec.mjs          (or: npm run generate:spec -w @ward/apple)
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const typeNames = {
  '<string>': 'string',
  '<integer>': 'integer',
  '<real>': 'real',
  '<boolean>': 'boolean',
  '<date>': 'date',
  '<data>': 'data',
  '<array>': 'array',
  '<dictionary>': 'dictionary',
  '<any>': 'any',
};

const platforms = ['iOS', 'macOS', 'tvOS', 'visionOS', 'watchOS'];

/**
 * Reads the YAML under `specDir` (a folder holding mdm/checkin, mdm/commands, mdm/profiles) and
 * returns the generated files as a Map from file name (inside src/spec/generated) to content.
 */
export function generateSpec(specDir = join(packageDir, 'spec')) {
  const read = (area) =>
    readdirSync(join(specDir, 'mdm', area))
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => ({ file: `mdm/${area}/${name}`, doc: parse(readFileSync(join(specDir, 'mdm', area, name), 'utf8')) }));

  const files = new Map();
  files.set('checkin.ts', generateArea({
    exportName: 'checkInSpec',
    unionName: 'CheckInMessageType',
    typesName: 'CheckInMessageTypes',
    description: 'Check-in protocol messages (mdm/checkin), by MessageType.',
    entries: read('checkin').map(({ file, doc }) => ({
      file,
      id: doc.payload.requesttype,
      title: doc.title,
      request: { name: `${pascal(doc.payload.requesttype)}Message`, keys: doc.payloadkeys ?? [], os: doc.payload.supportedOS },
      response: doc.responsekeys ? { name: `${pascal(doc.payload.requesttype)}MessageResponse`, keys: doc.responsekeys, os: doc.payload.supportedOS } : undefined,
    })),
  }));
  files.set('commands.ts', generateArea({
    exportName: 'commandSpec',
    unionName: 'CommandRequestType',
    typesName: 'CommandTypes',
    description: 'MDM commands (mdm/commands), by RequestType: the keys of the Command dictionary besides RequestType, and of the response besides the report envelope.',
    entries: read('commands').map(({ file, doc }) => ({
      file,
      id: doc.payload.requesttype,
      title: doc.title,
      request: { name: `${pascal(doc.payload.requesttype)}Command`, keys: doc.payloadkeys ?? [], os: doc.payload.supportedOS },
      response: { name: `${pascal(doc.payload.requesttype)}Response`, keys: doc.responsekeys ?? [], os: doc.payload.supportedOS },
    })),
  }));

  const profiles = read('profiles');
  const common = profiles.find(({ doc }) => doc.payload.payloadtype === 'CommonPayloadKeys').doc.payloadkeys;
  const byType = new Map();
  for (const entry of profiles) {
    const type = entry.doc.payload.payloadtype;
    if (type === 'CommonPayloadKeys') continue;
    const id = type === 'TopLevel' ? 'Configuration' : type;
    byType.set(id, [...(byType.get(id) ?? []), entry]);
  }
  files.set('profiles.ts', generateArea({
    exportName: 'profileSpec',
    unionName: 'ProfilePayloadType',
    typesName: 'ProfilePayloadTypes',
    description: 'Configuration profile payloads (mdm/profiles), by PayloadType, each with the common payload keys; Configuration is the top level.',
    entries: [...byType.entries()].map(([id, entries]) => ({
      file: entries.map((entry) => entry.file).join(', '),
      id,
      title: entries.map((entry) => entry.doc.title).join(' / '),
      request: {
        name: `${pascal(id)}Payload`,
        keys: id === 'Configuration' ? entries[0].doc.payloadkeys : profileKeys(id, common, entries.map((entry) => entry.doc.payloadkeys ?? [])),
        os: entries[0].doc.payload.supportedOS,
      },
      response: undefined,
    })),
  }));
  return files;
}

// Some payload types (com.apple.MCX, com.apple.extensiblesso) are described by several files: their
// keys are merged, and a key is required only where every file requires it.
function profileKeys(payloadType, common, keyLists) {
  const merged = new Map();
  const commonKeys = common.map((key) => (key.key === 'PayloadType' ? { ...key, rangelist: [payloadType] } : key));
  for (const key of commonKeys) merged.set(key.key, key);
  const seen = new Map();
  for (const keys of keyLists) {
    for (const key of keys) {
      seen.set(key.key, (seen.get(key.key) ?? 0) + 1);
      if (!merged.has(key.key)) merged.set(key.key, key);
    }
  }
  return [...merged.values()].map((key) =>
    commonKeys.includes(key) || (seen.get(key.key) ?? 0) === keyLists.length || key.presence !== 'required' ? key : { ...key, presence: 'optional' },
  );
}

function generateArea({ exportName, unionName, typesName, description, entries }) {
  entries.sort((a, b) => compare(a.id, b.id));
  const dicts = []; // { name, keys: [{ key, node }], any }
  const idsBySubkeys = new Map();
  const usedNames = new Set();

  const uniqueName = (base) => {
    let name = base;
    for (let n = 2; usedNames.has(name); n++) name = `${base}${n}`;
    usedNames.add(name);
    return name;
  };

  // Every <dictionary> becomes a table row, identified by its YAML subkeys list: Apple's files share
  // lists through YAML anchors, some recursively, and the identity breaks those cycles.
  const dictOf = (subkeys, name, parentOs) => {
    const known = idsBySubkeys.get(subkeys);
    if (known !== undefined) return known;
    const id = dicts.length;
    idsBySubkeys.set(subkeys, id);
    const row = { name: uniqueName(name), keys: [], any: undefined };
    dicts.push(row);
    for (const key of subkeys) {
      // Apple names wildcard keys ANY or "ANY <what>" ("ANY app identifier"): both match every key.
      if (key.key === 'ANY' || key.key.startsWith('ANY ')) row.any = nodeOf(key, `${row.name}Value`, parentOs);
      else row.keys.push({ key: key.key, presence: presenceOf(key, parentOs), node: nodeOf(key, `${row.name}${pascal(key.key)}`, parentOs) });
    }
    return id;
  };

  const nodeOf = (key, name, parentOs) => {
    const type = typeNames[key.type];
    if (type === undefined) throw new Error(`unknown type ${key.type} for key ${key.key}`);
    const node = { type };
    const scalars = Array.isArray(key.rangelist) && key.rangelist.every((v) => typeof v === 'string' || typeof v === 'number') ? key.rangelist : undefined;
    if (scalars !== undefined && (type === 'string' || type === 'integer' || type === 'real')) node.rangelist = scalars;
    const os = mergeOs(parentOs, key.supportedOS);
    if (type === 'dictionary' && Array.isArray(key.subkeys)) node.subkeys = dictOf(key.subkeys, name, os);
    if (type === 'array' && Array.isArray(key.subkeys)) node.items = key.subkeys.map((item) => nodeOf(item, `${name}Item`, os));
    return node;
  };

  const roots = entries.map((entry) => ({
    ...entry,
    requestId: dictOf(entry.request.keys, entry.request.name, entry.request.os),
    responseId: entry.response === undefined ? undefined : dictOf(entry.response.keys, entry.response.name, entry.response.os),
  }));

  const out = [];
  out.push('// Generated by packages/apple/scripts/generate-spec.mjs from Apple\'s device-management YAML');
  out.push('// (packages/apple/spec, see its README). Do not edit: change the generator and run it again.');
  out.push('/* eslint-disable */');
  out.push("import type { PlistReal, PlistValue } from '../../plist/plist-value.js';");
  out.push("import type { SpecTable } from '../spec-schema.js';");
  out.push('');
  out.push(`/** ${description} */`);
  out.push(`export type ${unionName} =`);
  for (const root of roots) out.push(`  | ${JSON.stringify(root.id)}`);
  out[out.length - 1] += ';';
  out.push('');
  out.push(`/** The runtime schema of every ${unionName}: \`roots\` names the \`dicts\` row of each request and response. */`);
  out.push(`export const ${exportName}: SpecTable<${unionName}> = {`);
  out.push('  roots: {');
  for (const root of roots) {
    out.push(`    ${propertyName(root.id)}: { request: ${root.requestId}${root.responseId === undefined ? '' : `, response: ${root.responseId}`} },`);
  }
  out.push('  },');
  out.push('  dicts: [');
  dicts.forEach((row, id) => {
    const keys = row.keys.map(({ key, presence, node }) => `${propertyName(key)}: ${nodeLiteral(node, presence)}`).join(', ');
    const any = row.any === undefined ? '' : `, any: ${nodeLiteral(row.any)}`;
    out.push(`    /* ${id} ${row.name} */ { keys: { ${keys} }${any} },`);
  });
  out.push('  ],');
  out.push('};');
  out.push('');
  out.push(`/** The TypeScript type of each ${unionName}'s request${exportName === 'profileSpec' ? ' (the payload dictionary)' : ''} and response. */`);
  out.push(`export interface ${typesName} {`);
  for (const root of roots) {
    out.push(`  /** ${root.title.replace(/\*\//g, '* /')} (${root.file}) */`);
    const response = root.responseId === undefined ? '' : `; readonly response: ${dicts[root.responseId].name}`;
    out.push(`  readonly ${propertyName(root.id)}: { readonly request: ${dicts[root.requestId].name}${response} };`);
  }
  out.push('}');
  out.push('');
  dicts.forEach((row) => {
    out.push(`export interface ${row.name} {`);
    for (const { key, presence, node } of row.keys) {
      out.push(`  readonly ${propertyName(key)}${presence === 'required' ? '' : '?'}: ${tsType(node, dicts)};`);
    }
    if (row.any !== undefined) out.push(`  readonly [key: string]: ${row.keys.length === 0 ? tsType(row.any, dicts) : 'unknown'};`);
    out.push('}');
  });
  out.push('');
  return out.join('\n');
}

function nodeLiteral(node, presence) {
  const parts = [`type: '${node.type}'`];
  // 'optional' is the default and left out, which keeps the tables a third smaller.
  if (presence === 'required' || presence === 'conditional') parts.push(`presence: '${presence}'`);
  if (node.rangelist !== undefined) parts.push(`rangelist: ${JSON.stringify(node.rangelist)}`);
  if (node.subkeys !== undefined) parts.push(`subkeys: ${node.subkeys}`);
  if (node.items !== undefined) parts.push(`items: [${node.items.map((item) => nodeLiteral(item)).join(', ')}]`);
  return `{ ${parts.join(', ')} }`;
}

function tsType(node, dicts) {
  switch (node.type) {
    case 'string':
      return node.rangelist ? node.rangelist.map((v) => JSON.stringify(String(v))).join(' | ') : 'string';
    case 'integer':
      return node.rangelist ? node.rangelist.map((v) => String(v)).join(' | ') : 'number | bigint';
    case 'real':
      return 'number | PlistReal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'Date';
    case 'data':
      return 'Uint8Array';
    case 'any':
      return 'PlistValue';
    case 'dictionary':
      return node.subkeys === undefined ? 'PlistValue' : dicts[node.subkeys].name;
    case 'array': {
      const items = node.items === undefined || node.items.length === 0 ? ['PlistValue'] : [...new Set(node.items.map((item) => tsType(item, dicts)))];
      return `readonly (${items.join(' | ')})[]`;
    }
    default:
      throw new Error(`unknown node type ${node.type}`);
  }
}

/**
 * Apple marks some keys required that only some devices send: a key not on every platform, not in
 * user enrollment or shared iPad, only on one channel, or newer than the message itself (an iOS 9
 * device does not send a key introduced in iOS 13). Those are 'conditional': typed optional and not
 * insisted on by the validator, which cannot know the device's platform.
 */
function presenceOf(key, parentOs) {
  if (key.presence !== 'required') return 'optional';
  const own = key.supportedOS ?? {};
  for (const platform of platforms) {
    const mine = own[platform];
    if (mine === undefined || mine === null) continue;
    if (mine.introduced === 'n/a' || mine.removed !== undefined || mine.devicechannel === false || mine.userchannel === false) return 'conditional';
    if (['forbidden', 'ignored'].includes(mine.userenrollment?.mode) || ['forbidden', 'ignored', 'required'].includes(mine.sharedipad?.mode)) return 'conditional';
    const parent = parentOs?.[platform]?.introduced;
    if (mine.introduced !== undefined && parent !== undefined && compareVersions(mine.introduced, parent) > 0) return 'conditional';
  }
  return 'required';
}

function mergeOs(parent, own) {
  if (own === undefined || own === null) return parent;
  const merged = { ...(parent ?? {}) };
  for (const platform of platforms) {
    if (own[platform]) merged[platform] = { ...(merged[platform] ?? {}), ...own[platform] };
  }
  return merged;
}

function compareVersions(a, b) {
  const pa = String(a).split('.').map(Number);
  const pb = String(b).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function pascal(text) {
  const words = String(text).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `N${name}` : name;
}

function propertyName(key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = join(packageDir, 'src', 'spec', 'generated');
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of generateSpec()) {
    writeFileSync(join(outDir, name), content);
    process.stdout.write(`wrote src/spec/generated/${name} (${content.length} bytes)\n`);
  }
}
