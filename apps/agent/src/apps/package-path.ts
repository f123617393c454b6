import { agentApiPrefix } from '@ward/agent-protocol';

// Characters of a URL path and query that need no interpretation: no backslash, no spaces, no
// percent-encoding in the path (an encoded slash or dot could turn into `..` on the way).
const PATH = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]+$/;
const QUERY = /^[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*$/;

/**
 * Why `url` from an app plan is not a package download the agent will make, or undefined when it
 * is one: a path on the Ward server under the agent endpoints (`/agent/v1/...`). The device
 * certificate authenticates the download, so the agent never follows a plan to another host
 * (an absolute or scheme-relative URL), nor out of the agent endpoints (`..`).
 */
export function packagePathProblem(url: string): string | undefined {
  const shown = JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}…` : url);
  const refused = `must be a path on the Ward server under ${agentApiPrefix}/ (got ${shown})`;
  if (!url.startsWith(`${agentApiPrefix}/`)) return refused;
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  if (!PATH.test(path) || !QUERY.test(query)) return refused;
  if (path.includes('//') || path.split('/').some((segment) => segment === '.' || segment === '..')) return refused;
  return undefined;
}

/**
 * The absolute URL of package path `path` on the server at `serverUrl` (which may carry a prefix,
 * `https://host/ward`), checked again after resolution: same origin, inside the agent endpoints.
 *
 * @throws Error when the result would leave the server, which {@link packagePathProblem} rules out.
 */
export function packageUrl(serverUrl: string, path: string): URL {
  const base = new URL(serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
  const url = new URL(path.replace(/^\/+/, ''), base);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}${agentApiPrefix.slice(1)}/`)) {
    throw new Error(`the package path ${path} does not stay on the Ward server ${base.origin}`);
  }
  return url;
}
