import { wardHeader, type LinuxApplyContext } from '../linux-apply-context.js';
import { settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

/** The restriction values of one settings profile. */
export interface DeviceRestrictionValues {
  readonly usbStorageDisabled?: boolean;
  readonly cameraDisabled?: boolean;
}

const MODULES = {
  usbStorageDisabled: { module: 'usb-storage', sysfs: '/sys/module/usb_storage', what: 'USB storage' },
  cameraDisabled: { module: 'uvcvideo', sysfs: '/sys/module/uvcvideo', what: 'USB cameras' },
} as const;

/**
 * USB storage and camera restrictions as kernel module rules in Ward's own
 * `/etc/modprobe.d/ward-<id>.conf`: `blacklist` stops automatic loading and `install … /bin/false`
 * stops explicit loading too. A module already loaded stays until it is unloaded or the device
 * restarts; the result says so rather than pull a mounted disk away.
 */
export async function applyDeviceRestrictions(ctx: LinuxApplyContext, values: DeviceRestrictionValues): Promise<Partial<Record<keyof DeviceRestrictionValues, SettingResult>>> {
  const results: Partial<Record<keyof DeviceRestrictionValues, SettingResult>> = {};
  const keys = (Object.keys(MODULES) as (keyof DeviceRestrictionValues)[]).filter((key) => values[key] !== undefined);
  if (!(await ctx.changes.isDirectory('/etc/modprobe.d'))) {
    for (const key of keys) results[key] = settingNotApplicable('/etc/modprobe.d does not exist (kmod is not installed), so kernel modules cannot be restricted');
    return results;
  }
  const lines = [wardHeader(ctx.profileId)];
  for (const key of keys) {
    const { module, sysfs, what } = MODULES[key];
    if (values[key] !== true) {
      results[key] = settingSucceeded(`${what} not restricted`);
      continue;
    }
    lines.push(`# ${key === 'usbStorageDisabled' ? 'restrictions.usbStorageDisabled' : 'restrictions.cameraDisabled'}`, `blacklist ${module}`, `install ${module} /bin/false`);
    const loaded = await ctx.changes.exists(sysfs);
    results[key] = settingSucceeded(`${module} may no longer be loaded`, loaded ? `${module} is loaded now and stays until it is unloaded or the device restarts` : undefined);
  }
  if (lines.length > 1) await ctx.changes.writeWardFile(`/etc/modprobe.d/ward-${ctx.stem}.conf`, `${lines.join('\n')}\n`, 0o644);
  return results;
}
