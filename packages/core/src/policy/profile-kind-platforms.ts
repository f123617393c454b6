import { platforms, type Platform } from '../devices/model.js';
import type { CustomBody, ProfileContent, ProfileKind } from './model.js';
import { findSettingDefinition } from './settings-catalog.js';

/**
 * Platforms that can take each kind of profile. Linux has no system e-mail account to configure;
 * a custom payload goes only to the platform whose format it is.
 */
export const kindPlatforms: Readonly<Record<ProfileKind, readonly Platform[]>> = {
  settings: platforms,
  wifi: platforms,
  vpn: platforms,
  email: ['macos', 'windows', 'ios', 'ipados', 'android'],
  certificate: platforms,
  custom: platforms,
};

/** The one platform a custom payload is written for. */
export function customPlatform(body: Pick<CustomBody, 'platform'>): Platform {
  return body.platform;
}

/**
 * Platforms a profile's content can reach: those of its kind, narrowed for custom payloads to
 * their own platform and for settings profiles to platforms that take at least one of its settings.
 */
export function contentPlatforms(content: ProfileContent<unknown>): readonly Platform[] {
  switch (content.kind) {
    case 'custom':
      return [customPlatform(content.body)];
    case 'settings': {
      const reachable = new Set<Platform>();
      for (const id of Object.keys(content.body.settings)) for (const p of findSettingDefinition(id)?.platforms ?? []) reachable.add(p);
      return platforms.filter((p) => reachable.has(p));
    }
    default:
      return kindPlatforms[content.kind];
  }
}
