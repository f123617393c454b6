/**
 * The reverse-DNS prefix of the identifiers of Ward's profiles on Apple devices: the configured
 * one, else the public host name reversed (`mdm.example.com` → `com.example.mdm`), else (an
 * address, a single label, no public URL) `io.ward.mdm`. Every process must derive the same prefix,
 * since devices' installed profiles are matched by it; so it depends on configuration only.
 */
export function appleIdentifierPrefix(config: { readonly appleIdentifierPrefix?: string | undefined; readonly publicUrl?: string | undefined }): string {
  if (config.appleIdentifierPrefix !== undefined) return config.appleIdentifierPrefix;
  if (config.publicUrl === undefined) return fallbackPrefix;
  const host = new URL(config.publicUrl).hostname;
  const labels = host.split('.');
  if (labels.length < 2 || host.includes(':') || host.startsWith('[') || labels.every((label) => /^\d+$/.test(label))) return fallbackPrefix;
  return labels.reverse().join('.');
}

const fallbackPrefix = 'io.ward.mdm';
