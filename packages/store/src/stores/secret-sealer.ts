import { WardError, type SecretBox } from '@ward/core';

/**
 * Marks a stored secret as sealed. Rows written before sealing hold the plaintext, which never
 * carries this prefix in practice, so both read during the change-over; a plaintext row is sealed
 * the next time its object is written.
 */
const sealedPrefix = 'ward-sealed:';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals and opens the secrets a store keeps inside its JSON columns. */
export interface SecretSealer {
  /** The text to store for `plaintext`: sealed under `label`, or the plaintext when there is no SecretBox. */
  seal(plaintext: string, label: string): string;
  /**
   * The plaintext of a stored value: opened under `label` when sealed, as stored when written
   * before sealing. Throws WardError INTERNAL, naming `owner`, when a sealed value does not open
   * (altered, moved from another row or field, another master key) or there is no SecretBox to
   * open it with: a silent empty secret would push broken configuration to devices.
   */
  open(stored: string, label: string, owner: () => string): string;
}

/** A sealer over `box`; without one, writes keep plaintext (tests, benches) and sealed values do not open. */
export function createSecretSealer(box: SecretBox | undefined): SecretSealer {
  return {
    seal(plaintext, label) {
      return box === undefined ? plaintext : sealedPrefix + box.seal(encoder.encode(plaintext), label);
    },
    open(stored, label, owner) {
      if (!stored.startsWith(sealedPrefix)) return stored;
      if (box === undefined) throw new WardError('INTERNAL', `${owner()}: the secret is sealed, and these stores were created without a SecretBox to open it.`);
      const plain = box.open(stored.slice(sealedPrefix.length), label);
      if (plain === undefined) {
        throw new WardError('INTERNAL', `${owner()}: the sealed secret does not open under this master key (altered, copied from another row or field, or sealed under another master key).`);
      }
      return decoder.decode(plain);
    },
  };
}
