import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { errorStatus, type ErrorCode } from '@ward/core';
import { ErrorBody } from './error-body.js';
import type { WardRouteConfig } from './route-access.js';

/** The resource tags of the document, in the order a reader meets them. */
export const apiTags = [
  { name: 'auth', description: 'Signing in and out, the current session, two-factor enrolment.' },
  { name: 'users', description: 'Users of the directory.' },
  { name: 'groups', description: 'Static and rule-based groups of users or devices.' },
  { name: 'devices', description: 'Managed devices, their installed software and remote actions.' },
  { name: 'enrollment', description: 'Enrollment tokens and the rules devices must meet to enroll.' },
  { name: 'admins', description: 'Admins and their role assignments.' },
  { name: 'tokens', description: 'API tokens for automation.' },
  { name: 'profiles', description: 'The settings catalog and configuration profiles, with their status per device and per setting.' },
  { name: 'assignments', description: 'Who gets a profile or compliance policy: groups, all users, all devices, and assignment filters.' },
  { name: 'compliance', description: 'Compliance policies, and each device\'s compliance with the rules behind it.' },
  { name: 'reports', description: 'Compliance and configuration reports, as JSON or CSV.' },
  {
    name: 'apps',
    description:
      'The app catalog (App Store, Microsoft Store, Flathub, Snap, repository, web and line-of-business apps), uploaded package versions, ' +
      'install status per device, and the software devices report across the fleet. Assign apps through `/assignments`.',
  },
  {
    name: 'app-protection',
    description: 'Mobile app management for apps with the Ward SDK: app protection and app configuration policies, the app registrations made under them, selective wipe and usage.',
  },
  { name: 'identity', description: "Ward's identity provider: relying parties, upstream providers for federated sign-in, conditional access policies, the what-if tool and the sign-in log." },
  { name: 'audit', description: 'The append-only, hash-chained audit trail.' },
  { name: 'tenant', description: 'The tenant the token belongs to.' },
  { name: 'me', description: 'Self-service for the signed-in person (the portal): their own devices, compliance, retire and enrollment.' },
  { name: 'meta', description: 'This document.' },
  {
    name: 'agent',
    description:
      'The Ward agent protocol (version 1), outside /api/v1. Enroll with a token; every other call authenticates with the device certificate ' +
      '(mutual TLS, or an RFC 9440 `Client-Cert` header from a trusted proxy). `GET /agent/v1/push` upgrades to a WebSocket on which the server ' +
      'sends `{"type":"wake"}` (the agent then checks in) and the agent may send its check-ins. Agents that ask for it in a check-in (`noisePush`) keep that channel on the Noise push port instead (docs/protocols/agent-v1.md, "The Noise push channel").',
  },
  {
    name: 'sdk',
    description:
      'The Ward SDK protocol (version 1, docs/protocols/sdk-v1.md), outside /api/v1, for apps that embed the SDK. Registration takes an access token ' +
      "Ward's identity provider issued to the signed-in user; check-ins are signed by the registration's key (`Ward-Registration`, `Ward-Signature`) " +
      'and answer the app protection policy, the app configuration and a pending selective wipe. Bodies are at most 16 KiB.',
  },
  { name: 'pki', description: 'Public material of the device certificate authority.' },
  { name: 'operations', description: 'Liveness, readiness and metrics, outside /api/v1.' },
] as const;

/** The name of the shared error schema under `components.schemas`. */
export const errorSchemaName = 'Error';

const defaultConfig: WardRouteConfig = { access: { auth: 'bearer', permission: null }, errors: [] };

/**
 * Every code a route may answer with: the ones its transport implies (a token, a body, a query)
 * plus the ones its use case declared. Kept in the document as `x-ward-error-codes`.
 */
export function errorCodesOf(schema: FastifySchema, ward: WardRouteConfig): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (schema.body !== undefined || schema.querystring !== undefined || schema.params !== undefined) codes.add('VALIDATION_FAILED');
  if (schema.body !== undefined) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  if (ward.access.auth === 'bearer') {
    for (const code of ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'FORBIDDEN'] as const) codes.add(code);
  }
  if (ward.access.auth === 'sdkUser') codes.add('UNAUTHENTICATED');
  if (ward.access.auth === 'sdkSignature') {
    for (const code of ['SDK_SIGNATURE_INVALID', 'SDK_REGISTRATION_NOT_FOUND', 'SDK_REGISTRATION_WIPED'] as const) codes.add(code);
  }
  if (ward.access.auth === 'device') {
    for (const code of ['UNAUTHENTICATED', 'DEVICE_CERTIFICATE_INVALID', 'DEVICE_CERTIFICATE_REVOKED', 'DEVICE_CERTIFICATE_EXPIRED', 'DEVICE_RETIRED'] as const) codes.add(code);
  }
  for (const code of ward.errors) codes.add(code);
  codes.add('INTERNAL');
  return [...codes].sort((a, b) => errorStatus[a] - errorStatus[b] || a.localeCompare(b));
}

/** The security requirement of each kind of route access (a public route has none). */
const securityOf: Readonly<Record<WardRouteConfig['access']['auth'], readonly Record<string, never[]>[]>> = {
  none: [],
  bearer: [{ bearer: [] }],
  device: [{ deviceCertificate: [] }],
  sdkUser: [{ userAccessToken: [] }],
  sdkSignature: [{ sdkSignature: [] }],
};

/** Security, permission and error codes of a route, added to its schema for the document. */
function transform({ schema, url, route }: { schema: FastifySchema | undefined; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  // Routes without a schema speak another protocol (Apple MDM's plists, SCEP, the enrollment
  // profile download), specified by its owner, not by this document.
  if (schema === undefined) return { schema: { hide: true }, url };
  const ward = route.config?.ward ?? defaultConfig;
  const security = securityOf[ward.access.auth];
  const documented: FastifySchema & Record<`x-${string}`, unknown> = {
    ...schema,
    security,
    'x-ward-error-codes': errorCodesOf(schema, ward),
  };
  if (ward.access.auth === 'bearer' && ward.access.permission !== null) documented['x-ward-permission'] = ward.access.permission;
  return { schema: documented, url };
}

interface Operation {
  responses?: Record<string, unknown>;
  'x-ward-error-codes'?: unknown;
}

/**
 * Gives every operation one response per error status its codes map to, each pointing at the one
 * shared Error schema, so generated clients decode every failure the same way.
 */
function addErrorResponses(document: Record<string, unknown>): Record<string, unknown> {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const pathItem of Object.values(paths)) {
    for (const operation of Object.values(pathItem)) {
      const codes = operation['x-ward-error-codes'];
      if (!Array.isArray(codes)) continue;
      const byStatus = new Map<number, string[]>();
      for (const code of codes as ErrorCode[]) {
        const status = errorStatus[code];
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      const responses = { ...operation.responses };
      for (const [status, statusCodes] of byStatus) {
        responses[String(status)] = {
          description: statusCodes.join(', '),
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${errorSchemaName}` } } },
        };
      }
      operation.responses = responses;
    }
  }
  return document;
}

// OpenAPI 3.1's scheme for client certificates. @fastify/swagger's types know only the 3.0
// schemes, so the object is typed as one of those; the document carries it as written.
const mutualTls = { type: 'mutualTLS', description: 'The client certificate Ward issued the device at enrollment.' } as unknown as { type: 'http'; scheme: string };

/** Registers @fastify/swagger; the document is then served by the `meta` route. */
export function registerOpenApi(app: FastifyInstance, info: { readonly title: string; readonly version: string }): void {
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: info.title,
        version: info.version,
        description:
          'The Ward admin API. Every /api/v1 route except sign-in and this document takes `Authorization: Bearer <token>`; ' +
          'the tenant is the token\'s (an `x-ward-tenant` header, if sent, must name that tenant). Errors share one shape and carry a stable `code`; ' +
          'lists take `limit`, `cursor`, `sort` and `order` and answer `{ items, nextCursor }`. ' +
          'The agent protocol (/agent/v1) authenticates devices by their certificate instead; the operations probes and /pki/crl are public.',
      },
      tags: apiTags.map((t) => ({ ...t })),
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token or a session token from sign-in.' },
          deviceCertificate: mutualTls,
          userAccessToken: { type: 'http', scheme: 'bearer', description: "An access token Ward's identity provider (/oidc) issued to the signed-in user for any relying party, with scope openid." },
          sdkSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'Ward-Signature',
            description: "base64url of an ES256 signature (r‖s) over the exact body bytes by the app registration's key; the `Ward-Registration` header names the registration.",
          },
        },
        schemas: { [errorSchemaName]: ErrorBody as unknown as Record<string, never> },
      },
    },
    transform,
    transformObject: (documentObject) => addErrorResponses('openapiObject' in documentObject ? (documentObject.openapiObject as Record<string, unknown>) : {}),
  });
}
