/**
 * The server's base URL as the agent stores it: `https:` only (the token and every check-in are
 * secrets), no credentials, query or fragment, no trailing slash. Undefined when unusable.
 */
export function normalizeServerUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
