import type { Device } from '../devices/model.js';

/**
 * What the company's IT can and cannot see and do on one device, in plain words for its owner
 * (issue 8 §3: "for personal devices, a plain page of what IT can and cannot see and do on it").
 * Each line states what Ward itself does, so the page stays true as long as these do:
 * - a personal device's raw inventory and software list are never stored (check-in and
 *   `updateDevice` drop them);
 * - the agent carries out lock, restart, signed scripts and retire on any device it runs on;
 * - an iPhone or iPad enrolled as personal gets Apple's User Enrollment, which refuses erase,
 *   lock, restart and shutdown, and hides the serial number;
 * - erase exists only for company-owned Apple devices.
 */
export interface ItAccess {
  readonly canSee: readonly string[];
  readonly cannotSee: readonly string[];
  readonly canDo: readonly string[];
  readonly cannotDo: readonly string[];
}

const mobilePlatforms: readonly Device['platform'][] = ['ios', 'ipados', 'android'];

/** {@link ItAccess} for a device of this ownership and platform. */
export function itAccessOf(device: Pick<Device, 'ownership' | 'platform'>): ItAccess {
  const mobile = mobilePlatforms.includes(device.platform);
  const compliance = 'whether it meets the company’s rules, and when it last checked in';
  const security = 'its security settings: disk encryption, screen lock, password and firewall';
  if (device.ownership === 'personal') {
    return {
      canSee: [mobile ? 'its model and operating system version' : 'its name, model, serial number and operating system version', security, compliance],
      cannotSee: [
        'the apps and software you install',
        'your files, photos, messages, e-mail, browsing history or location',
        ...(mobile ? [] : ['the full hardware and system inventory, which Ward keeps only for company devices']),
      ],
      canDo: mobile
        ? ['install and remove the company’s settings and apps', 'remove the company’s access, settings and apps from it (retire)']
        : ['lock the screen or restart it', 'run a maintenance script the company has signed', 'remove the company’s access and settings from it (retire)'],
      cannotDo: mobile ? ['erase the device or your personal data', 'lock, restart or shut down the device'] : ['erase the device or your personal data'],
    };
  }
  return {
    canSee: ['its name, model, serial number and operating system version', security, 'the apps and software installed on it, and its hardware inventory', compliance],
    cannotSee: ['your files, photos, messages, e-mail or browsing history'],
    canDo: [
      'lock the screen or restart it',
      ...(mobile ? ['erase it, or put a lost phone in Lost Mode'] : ['run a maintenance script the company has signed']),
      'remove the company’s access and settings from it (retire)',
    ],
    cannotDo: ['read your files, photos or messages'],
  };
}
