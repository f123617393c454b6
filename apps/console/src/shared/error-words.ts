import type { ApiProblem } from '../api/client';

// The codes a person meets most, in words. The API's own message follows in every case, and the
// code itself is always shown, so an unlisted code is never hidden.
const words: Readonly<Record<string, string>> = {
  NETWORK: 'The server could not be reached',
  UNEXPECTED_RESPONSE: 'The server answered something unexpected',
  VALIDATION_FAILED: 'Some input is not valid',
  UNAUTHENTICATED: 'You are not signed in',
  TOKEN_EXPIRED: 'Your session has expired',
  TOKEN_REVOKED: 'Your session was ended',
  FORBIDDEN: 'Your role does not allow this',
  NOT_FOUND: 'Not found',
  INVALID_CREDENTIALS: 'Wrong e-mail or password',
  MFA_REQUIRED: 'Enter your authenticator code',
  INVALID_MFA_CODE: 'The authenticator code is wrong',
  ACCOUNT_LOCKED: 'The account is locked for now',
  RATE_LIMITED: 'Too many attempts',
  DEVICE_NOT_FOUND: 'No such device',
  USER_NOT_FOUND: 'No such user',
  GROUP_NOT_FOUND: 'No such group',
  GROUP_NAME_TAKEN: 'A group with that name exists',
  GROUP_RULE_INVALID: 'The rule is not valid',
  GROUP_NOT_STATIC: 'Members of a dynamic group come from its rule',
  USER_EMAIL_TAKEN: 'A user with that e-mail exists',
  LAST_GLOBAL_ADMIN: 'The last global admin must stay',
  ACTION_NOT_ALLOWED: 'This action is not allowed on this device',
  ENROLLMENT_TOKEN_NOT_FOUND: 'No such enrollment token',
  INVALID_CURSOR: 'The page position is no longer valid',
  INVALID_FILTER: 'The filter is not valid',
  IMPORT_INVALID: 'The file has errors',
  PAYLOAD_TOO_LARGE: 'The upload is too large',
  INTERNAL: 'The server failed',
  UNAVAILABLE: 'The service is unavailable',
};

/** A short headline for a problem, in words. */
export function problemTitle(problem: ApiProblem): string {
  return words[problem.code] ?? 'The request was refused';
}
