/** The fields of a command that its signature covers. */
export interface SignedCommandFields {
  readonly id: string;
  readonly deviceId: string;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly expiresAt: string;
}

/** `value` with object keys sorted at every depth, so equal data always serialises to equal JSON. */
export function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonicalValue((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * The exact bytes a command signature covers: canonical JSON (sorted keys) of id, device id, type,
 * payload and expiry. Binding the device id stops a command signed for one machine from being
 * replayed to another; binding the expiry stops an old one from being replayed later.
 */
export function commandSigningInput(fields: SignedCommandFields): Uint8Array {
  const { id, deviceId, type, payload, expiresAt } = fields;
  return new TextEncoder().encode(JSON.stringify(canonicalValue({ id, deviceId, type, payload, expiresAt })));
}
