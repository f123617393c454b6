import type { LinuxApplyContext } from '../linux-apply-context.js';
import { packageFamily } from '../package-family.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

/** The software update values of one settings profile. */
export interface SoftwareUpdateValues {
  readonly automaticDownload?: boolean;
  readonly automaticInstall?: boolean;
}

type Results = Partial<Record<keyof SoftwareUpdateValues, SettingResult>>;

/**
 * Automatic updates. On dpkg systems: APT::Periodic in Ward's own `/etc/apt/apt.conf.d/52ward-<id>`,
 * which sorts after the distribution's `20auto-upgrades` and so wins over it (installing needs the
 * unattended-upgrades package). On rpm systems: dnf-automatic's timers, the documented switch, which
 * are turned back off when the profile goes if Ward turned them on.
 */
export async function applySoftwareUpdates(ctx: LinuxApplyContext, values: SoftwareUpdateValues): Promise<Results> {
  const family = await packageFamily(ctx.changes);
  if (family === 'dpkg') return applyApt(ctx, values);
  if (family === 'rpm') return applyDnf(ctx, values);
  const reason = settingNotApplicable('neither APT nor DNF was found, so there are no automatic updates to configure');
  return {
    ...(values.automaticDownload === undefined ? {} : { automaticDownload: reason }),
    ...(values.automaticInstall === undefined ? {} : { automaticInstall: reason }),
  };
}

async function applyApt(ctx: LinuxApplyContext, values: SoftwareUpdateValues): Promise<Results> {
  const results: Results = {};
  const lines = [`// Written by the Ward agent for profile ${JSON.stringify(ctx.profileId).slice(0, 140)}; removed with the profile. Do not edit.`];
  const flag = (value: boolean): string => (value ? '"1"' : '"0"');
  if (values.automaticDownload === true || values.automaticInstall === true) lines.push('APT::Periodic::Update-Package-Lists "1";');
  if (values.automaticDownload !== undefined) {
    lines.push(`APT::Periodic::Download-Upgradeable-Packages ${flag(values.automaticDownload)};`);
    results.automaticDownload = settingSucceeded(`APT::Periodic::Download-Upgradeable-Packages ${flag(values.automaticDownload)}`);
  }
  if (values.automaticInstall !== undefined) {
    lines.push(`APT::Periodic::Unattended-Upgrade ${flag(values.automaticInstall)};`);
    const installed = await ctx.changes.exists('/usr/bin/unattended-upgrade');
    results.automaticInstall =
      values.automaticInstall && !installed
        ? settingFailed('APT::Periodic::Unattended-Upgrade "1" written, but unattended-upgrades is not installed, so nothing installs updates')
        : settingSucceeded(`APT::Periodic::Unattended-Upgrade ${flag(values.automaticInstall)}`);
  }
  await ctx.changes.writeWardFile(`/etc/apt/apt.conf.d/52ward-${ctx.stem}`, `${lines.join('\n')}\n`, 0o644);
  return results;
}

const UNIT_DIRS = ['/usr/lib/systemd/system', '/lib/systemd/system', '/etc/systemd/system'];

async function applyDnf(ctx: LinuxApplyContext, values: SoftwareUpdateValues): Promise<Results> {
  const results: Results = {};
  const install = values.automaticInstall === true;
  const download = values.automaticDownload === true;
  if (!install && !download) {
    const note = settingSucceeded('not turned on; Ward does not turn off dnf-automatic timers it did not enable');
    if (values.automaticDownload !== undefined) results.automaticDownload = note;
    if (values.automaticInstall !== undefined) results.automaticInstall = note;
    return results;
  }
  // Installing implies downloading; the install timer does both.
  const unit = install ? 'dnf-automatic-install.timer' : 'dnf-automatic-download.timer';
  let present = false;
  for (const dir of UNIT_DIRS) present ||= await ctx.changes.exists(`${dir}/${unit}`);
  let result: SettingResult;
  if (!present) {
    result = settingFailed(`dnf-automatic is not installed (no ${unit})`);
  } else {
    const state = await ctx.tools.run('systemctl', ['is-enabled', unit]);
    const wasEnabled = state.ran && state.code === 0 && state.stdout.trim() === 'enabled';
    await ctx.changes.recordUnit(unit, wasEnabled);
    const failure = await ctx.tools.runToSuccess('systemctl', ['enable', '--now', unit]);
    result = failure === null ? settingSucceeded(`${unit} enabled`) : settingFailed(failure);
  }
  if (values.automaticDownload !== undefined) results.automaticDownload = values.automaticDownload || install ? result : settingSucceeded('downloads come with automatic installs');
  if (values.automaticInstall !== undefined) results.automaticInstall = install ? result : settingSucceeded('not turned on');
  return results;
}
