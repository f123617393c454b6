import { platforms as allPlatforms, type Platform } from '../devices/model.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { distinct, invalid, list, objectAt, oneOf, optionalText, readFields, text } from './field-reader.js';
import { profileKinds, type ProfileContent } from './model.js';
import { contentPlatforms } from './profile-kind-platforms.js';
import { validateCertificateBody } from './validate-certificate-body.js';
import { validateCustomBody } from './validate-custom-body.js';
import { validateEmailBody } from './validate-email-body.js';
import { validateSettingsBody } from './validate-settings-body.js';
import { validateVpnBody } from './validate-vpn-body.js';
import { validateWifiBody } from './validate-wifi-body.js';

/** What a caller sends to create or replace a profile; parsed from `unknown` (API bodies, YAML files). */
export interface ProfileInput {
  readonly name: string;
  readonly description?: string;
  /** Defaults to every platform the content can reach. */
  readonly platforms?: readonly Platform[];
  readonly kind: string;
  /** The kind's body; secrets may be null to keep the stored ones (updates only). */
  readonly body: unknown;
}

/** A validated profile input. Secrets may still be null (keep): `resolveSecrets` fills them. */
export interface ValidProfileInput {
  readonly name: string;
  readonly description: string;
  readonly platforms: readonly Platform[];
  readonly content: ProfileContent<string | null>;
}

/**
 * Validates a whole profile: name, description, platforms, and the body of its kind, field by
 * field. The first problem is returned with its path in `details.field` (`body.eap.identity`).
 * The one validator every entry point uses. References to other profiles are checked by the use
 * case (`check-profile-references.ts`), which can read the store.
 */
export function validateProfileInput(input: unknown): Result<ValidProfileInput, ErrorCode> {
  return readFields(() => {
    const record = objectAt(input, '', ['name', 'description', 'platforms', 'kind', 'body']);
    const name = text(record, 'name', '', { max: 128 });
    const description = optionalText(record, 'description', '', { min: 0, max: 2000 }) ?? '';
    const kind = oneOf(record, 'kind', '', profileKinds);
    const requested = record.platforms === undefined ? undefined : list(record, 'platforms', '', { min: 1, max: allPlatforms.length }, (v, p) => {
      if (typeof v !== 'string' || !(allPlatforms as readonly string[]).includes(v)) invalid(p, `must be one of ${allPlatforms.join(', ')}`);
      return v as Platform;
    });
    if (requested !== undefined) distinct(requested, 'platforms');
    const content = validateContent(kind, record.body, requested);
    const reachable = contentPlatforms(content);
    for (const p of requested ?? []) if (!reachable.includes(p)) invalid('platforms', `${p} cannot take this ${kind} profile (it can go to ${reachable.join(', ')})`);
    const platforms = requested === undefined ? reachable : allPlatforms.filter((p) => requested.includes(p));
    return { name, description, platforms, content };
  });
}

function validateContent(kind: (typeof profileKinds)[number], body: unknown, requested: readonly Platform[] | undefined): ProfileContent<string | null> {
  switch (kind) {
    case 'settings':
      return { kind, body: validateSettingsBody(body, 'body', requested) };
    case 'wifi':
      return { kind, body: validateWifiBody(body, 'body') };
    case 'vpn':
      return { kind, body: validateVpnBody(body, 'body') };
    case 'email':
      return { kind, body: validateEmailBody(body, 'body') };
    case 'certificate':
      return { kind, body: validateCertificateBody(body, 'body') };
    case 'custom':
      return { kind, body: validateCustomBody(body, 'body') };
  }
}
