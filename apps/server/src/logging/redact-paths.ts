/**
 * Field names whose values are secrets wherever they appear in a log object: request headers,
 * bodies, errors' context. Compared exactly (pino's redaction is path-based, not fuzzy).
 */
export const secretFieldNames = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'newPassword',
  'currentPassword',
  'smtpPassword',
  'oneTimePassword',
  'passwordHash',
  'totpCode',
  'totpSecret',
  'mfaCode',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'sessionToken',
  'secret',
  'clientSecret',
  'apiKey',
  'masterKey',
  'privateKey',
  'keyPem',
  'challenge',
] as const;

// Deep enough for `req.headers.authorization` and `body.user.credentials.password`; each extra
// level multiplies the paths pino checks, and log objects in Ward stay shallow.
const maxDepth = 4;

const segment = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

/** pino redaction paths for every secret field name at every depth up to four. */
export function redactPaths(names: readonly string[] = secretFieldNames): string[] {
  const paths: string[] = [];
  for (const name of names) {
    for (let depth = 0; depth <= maxDepth; depth += 1) {
      const prefix = Array.from({ length: depth }, () => '*').join('.');
      const tail = segment(name);
      paths.push(prefix === '' ? tail.replace(/^\./, '') : `${prefix}${tail}`);
    }
  }
  return paths;
}
