import { displayUrl } from './display-url.js';

/**
 * The URL agents enroll and check in with: the configured public URL, else the bound address.
 * Undefined when the public URL is plain HTTP (TLS terminated before Ward), which the agent
 * refuses.
 */
export function agentUrlOf(publicUrl: string | undefined, host: string, port: number): string | undefined {
  if (publicUrl === undefined) return displayUrl(host, port);
  return new URL(publicUrl).protocol === 'https:' ? publicUrl.replace(/\/+$/, '') : undefined;
}
