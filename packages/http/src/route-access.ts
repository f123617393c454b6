import type { ErrorCode, Permission } from '@ward/core';

/**
 * Who may call a route. `bearer` routes need a valid token; `permission` is what the core use case
 * will check (null: any signed-in caller). The HTTP layer only authenticates: the use case
 * authorises, so the CLI and jobs are held to the same rules. The permission is declared here too
 * so the OpenAPI document can state it (`x-ward-permission`). `device` routes (the agent protocol)
 * need an enrolled device's client certificate instead.
 */
export type RouteAccess =
  | { readonly auth: 'none' }
  | { readonly auth: 'bearer'; readonly permission: Permission | null }
  | { readonly auth: 'device' }
  // The SDK protocol (docs/protocols/sdk-v1.md): registration takes a user's access token from
  // Ward's identity provider, check-in a signature by the registration's key.
  | { readonly auth: 'sdkUser' }
  | { readonly auth: 'sdkSignature' };

/** Ward's part of a route's `config`. */
export interface WardRouteConfig {
  readonly access: RouteAccess;
  /** Codes the route's own use case may answer with, beyond the ones every route shares. For the docs. */
  readonly errors: readonly ErrorCode[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Access and documentation of a Ward route; absent means the route requires a bearer token. */
    readonly ward?: WardRouteConfig;
  }
}

/** Route config of a route anyone may call. */
export function publicRoute(errors: readonly ErrorCode[] = []): { ward: WardRouteConfig } {
  return { ward: { access: { auth: 'none' }, errors } };
}

/** Route config of a route that needs a bearer token and, inside the use case, `permission`. */
export function requires(permission: Permission | null, errors: readonly ErrorCode[] = []): { ward: WardRouteConfig } {
  return { ward: { access: { auth: 'bearer', permission }, errors } };
}

/** Route config of an agent route that needs an enrolled device's certificate (mutual TLS). */
export function deviceRoute(errors: readonly ErrorCode[] = []): { ward: WardRouteConfig } {
  return { ward: { access: { auth: 'device' }, errors } };
}

/** Route config of an SDK route that needs a user's access token from Ward's identity provider. */
export function sdkUserRoute(errors: readonly ErrorCode[] = []): { ward: WardRouteConfig } {
  return { ward: { access: { auth: 'sdkUser' }, errors } };
}

/** Route config of an SDK route whose body is signed by an app registration's key. */
export function sdkSignedRoute(errors: readonly ErrorCode[] = []): { ward: WardRouteConfig } {
  return { ward: { access: { auth: 'sdkSignature' }, errors } };
}
