import { inventoryLimits } from '../inventory-limits.js';
import { asObject, countField, textField, type JsonObject } from '../json-fields.js';
import { parseJsonText } from '../parse-json-text.js';
import { requireSuccess, runTool } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** One block device as lsblk lists it. */
export type BlockDevice = {
  name: string;
  /** disk, part, crypt, lvm, raid1, loop, rom, … */
  type: string | null;
  sizeBytes: number | null;
  /** ext4, crypto_LUKS, LVM2_member, swap, … (null when lsblk cannot probe it). */
  fstype: string | null;
  mountpoint: string | null;
  /** The device this one sits on. */
  parent: string | null;
};

/** The block devices and whether the root filesystem is encrypted. */
export type DiskLayout = {
  devices: BlockDevice[];
  /** The device mounted at "/", or null when lsblk lists none (overlay, NFS, ZFS roots). */
  rootDevice: string | null;
  /** Every path from the root filesystem down to a disk passes a LUKS/dm-crypt layer; null when the root device is unknown. */
  rootEncrypted: boolean | null;
  /** lsblk listed more devices than the cap. */
  truncated: boolean;
};

/** The lsblk call the collector makes; tests serve its output. */
export const lsblkArgs = ['-J', '-b', '-o', 'NAME,TYPE,SIZE,FSTYPE,MOUNTPOINT,PKNAME'] as const;

interface Node {
  readonly device: BlockDevice;
  /** The node it is nested under in lsblk's tree (a device on two parents appears twice). */
  readonly treeParent: Node | null;
}

function isEncryptionLayer(device: BlockDevice): boolean {
  return device.type === 'crypt' || device.fstype === 'crypto_LUKS';
}

/** Walks from a node to its disk, through lsblk's nesting or, in flat listings, through PKNAME. */
function chainIsEncrypted(start: Node, byName: ReadonlyMap<string, Node>): boolean {
  const seen = new Set<string>();
  let node: Node | null = start;
  while (node !== null && !seen.has(node.device.name)) {
    if (isEncryptionLayer(node.device)) return true;
    seen.add(node.device.name);
    node = node.treeParent ?? (node.device.parent === null ? null : (byName.get(node.device.parent) ?? null));
  }
  return false;
}

/**
 * Parses `lsblk -J -b -o NAME,TYPE,SIZE,FSTYPE,MOUNTPOINT,PKNAME`. Sizes arrive as numbers from
 * util-linux 2.33 on and as strings before. The root is encrypted when every occurrence of the
 * device mounted at "/" (LVM over several PVs appears once per PV) sits on a crypt device or a
 * crypto_LUKS partition.
 */
export function parseLsblk(text: string): SectionResult<DiskLayout> {
  const json = parseJsonText(text, 'lsblk');
  if (!json.ok) return json;
  const top = asObject(json.value)?.['blockdevices'];
  if (!Array.isArray(top)) return unavailable('lsblk printed no "blockdevices" list');
  const nodes: Node[] = [];
  let truncated = false;
  const visit = (items: readonly unknown[], treeParent: Node | null, depth: number): void => {
    // Depth is bounded so crafted nesting cannot exhaust the stack.
    if (depth > 32) return;
    for (const item of items) {
      const object = asObject(item);
      if (object === null) continue;
      if (nodes.length >= inventoryLimits.maxBlockDevices) {
        truncated = true;
        return;
      }
      const node = toNode(object, treeParent);
      if (node === null) continue;
      nodes.push(node);
      const children = object['children'];
      if (Array.isArray(children)) visit(children, node, depth + 1);
    }
  };
  visit(top, null, 0);
  const byName = new Map<string, Node>();
  for (const node of nodes) if (!byName.has(node.device.name)) byName.set(node.device.name, node);
  const rootNodes = nodes.filter((node) => node.device.mountpoint === '/');
  const rootDevice = rootNodes[0]?.device.name ?? null;
  const rootEncrypted = rootNodes.length === 0 ? null : rootNodes.every((node) => chainIsEncrypted(node, byName));
  // A device nested under two parents is one device: list it once.
  const devices = [...byName.values()].map((node) => node.device);
  return available({ devices, rootDevice, rootEncrypted, truncated });
}

function toNode(object: JsonObject, treeParent: Node | null): Node | null {
  const name = textField(object, 'name');
  if (name === null) return null;
  const device: BlockDevice = {
    name,
    type: textField(object, 'type', 32),
    sizeBytes: countField(object, 'size'),
    fstype: textField(object, 'fstype', 64),
    mountpoint: textField(object, 'mountpoint', 4096),
    parent: textField(object, 'pkname') ?? treeParent?.device.name ?? null,
  };
  return { device, treeParent };
}

/** Lists block devices with lsblk and works out whether the root filesystem is encrypted. */
export async function collectDisks(ctx: LinuxContext): Promise<SectionResult<DiskLayout>> {
  const ran = await runTool(ctx, 'lsblk', lsblkArgs);
  if (!ran.ok) return ran;
  const finished = requireSuccess('lsblk', ran.value);
  if (!finished.ok) return finished;
  return parseLsblk(finished.value.stdout);
}
