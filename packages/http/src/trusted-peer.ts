import proxyAddr from '@fastify/proxy-addr';

/**
 * Whether the immediate peer of a connection (its socket address, never a forwarded one) is one of
 * the proxies `trustProxy` names. Only then may a request carry what the proxy vouches for, such as
 * the client certificate it verified. `true` trusts every peer (the server is reachable only through
 * the proxy); a hop count trusts none, because it says how many proxies there are, not who they are.
 */
export function trustedPeer(trustProxy: boolean | string | readonly string[] | number): (address: string | undefined) => boolean {
  if (trustProxy === true) return () => true;
  if (trustProxy === false || typeof trustProxy === 'number') return () => false;
  const list = typeof trustProxy === 'string' ? trustProxy.split(',').map((a) => a.trim()) : [...trustProxy];
  const trust = proxyAddr.compile(list);
  return (address) => address !== undefined && trust(address, 0);
}
