import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { rolePermissions } from '@ward/core';

const header = (what: string): string =>
  `// Generated from the admin API's OpenAPI document by apps/console/test/api-types.test.ts (${what}).\n` +
  '// Do not edit: run `npm run api:types -w @ward/console` after changing the API, and commit the result.\n';

/**
 * The TypeScript types of every path, operation and schema of the document, as openapi-fetch
 * consumes them. Generated types make the client fail to compile when a route or field it uses
 * changes; the test that renders this file fails while the checked-in copy is stale.
 */
export async function renderApiSchema(document: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(document, { alphabetize: true, silent: true });
  return `${header('paths and schemas')}${astToString(nodes)}`;
}

interface Operation {
  readonly operationId?: unknown;
  readonly 'x-ward-permission'?: unknown;
  readonly security?: unknown;
}

/**
 * What the console needs to hide what a role cannot do: the permission each operation states
 * (`x-ward-permission`, null where any signed-in caller may call it) and the permissions of each
 * role, from the core's one table. The API refuses anyway; this only keeps dead buttons away.
 */
export function renderAccess(document: OpenAPI3): string {
  const operations: [string, string | null][] = [];
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem as Record<string, Operation>)) {
      if (typeof operation !== 'object' || typeof operation.operationId !== 'string') continue;
      const permission = operation['x-ward-permission'];
      operations.push([operation.operationId, typeof permission === 'string' ? permission : null]);
    }
  }
  operations.sort(([a], [b]) => a.localeCompare(b));
  const roles = Object.entries(rolePermissions).map(([role, granted]) => `  ${role}: [${granted.map((p) => `'${p}'`).join(', ')}],`);
  const lines = operations.map(([id, permission]) => `  ${id}: ${permission === null ? 'null' : `'${permission}'`},`);
  return (
    `${header('x-ward-permission and the core role table')}\n` +
    `/** The permission each operation needs; null: any signed-in caller. */\n` +
    `export const operationPermissions = {\n${lines.join('\n')}\n} as const;\n\n` +
    `/** An operation of the admin API, by its operationId. */\n` +
    `export type OperationId = keyof typeof operationPermissions;\n\n` +
    `/** The permissions of each admin role. */\n` +
    `export const rolePermissions = {\n${roles.join('\n')}\n} as const;\n\n` +
    `/** An admin role. */\n` +
    `export type RoleName = keyof typeof rolePermissions;\n`
  );
}
