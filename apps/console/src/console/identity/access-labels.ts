import type { ApiProblem } from '../../api/client';
import { problemTitle } from '../../shared/error-words';
import type {
  AccessChallenge,
  AccessDecision,
  AccessPolicyState,
  ClientType,
  ConditionName,
  ConditionRisk,
  GrantControl,
  Ownership,
  PolicyResult,
  RelyingPartyGrantType,
  SignInOutcome,
  SignInRisk,
  TokenEndpointAuthMethod,
} from './identity-types';

interface Worded {
  readonly label: string;
  readonly color: string;
}

// Every table below is a Record over a union from the generated API types: a value the API adds
// fails the build until it has words here.

/** Policy states as badges; report-only is the state a new policy starts in. */
export const stateLabels: Readonly<Record<AccessPolicyState, Worded & { readonly hint: string }>> = {
  enabled: { label: 'On', color: 'green', hint: 'Decides every sign-in it applies to.' },
  reportOnly: { label: 'Report-only', color: 'blue', hint: 'Evaluated and logged in the sign-in log, never decides.' },
  disabled: { label: 'Off', color: 'gray', hint: 'Not evaluated.' },
};

export const controlLabels: Readonly<Record<GrantControl, string>> = {
  mfa: 'Multi-factor authentication',
  compliantDevice: 'A compliant device',
  appProtection: 'An app protection policy',
};

export const clientTypeLabels: Readonly<Record<ClientType, string>> = { browser: 'Browser', app: 'Native or desktop app' };

export const ownershipLabels: Readonly<Record<Ownership, string>> = { corporate: 'Corporate', personal: 'Personal', unknown: 'Unknown (device not proven)' };

export const conditionRiskLabels: Readonly<Record<ConditionRisk, string>> = { low: 'Low', medium: 'Medium', high: 'High' };

export const riskLabels: Readonly<Record<SignInRisk, Worded>> = {
  none: { label: 'None', color: 'gray' },
  low: { label: 'Low', color: 'yellow' },
  medium: { label: 'Medium', color: 'orange' },
  high: { label: 'High', color: 'red' },
};

export const decisionLabels: Readonly<Record<AccessDecision, Worded>> = {
  allow: { label: 'Allowed', color: 'green' },
  challenge: { label: 'Challenged', color: 'yellow' },
  block: { label: 'Blocked', color: 'red' },
};

export const challengeLabels: Readonly<Record<AccessChallenge, string>> = { mfa: 'Multi-factor authentication', reauthenticate: 'Sign in again' };

export const resultLabels: Readonly<Record<PolicyResult, Worded>> = {
  notApplied: { label: 'Not applied', color: 'gray' },
  success: { label: 'Satisfied', color: 'green' },
  interrupt: { label: 'Needs a challenge', color: 'yellow' },
  failure: { label: 'Fails', color: 'red' },
};

/** Why a policy did not apply: the first condition that did not match. */
export const conditionLabels: Readonly<Record<ConditionName, string>> = {
  users: 'the user is not included, or is excluded',
  relyingParties: 'the relying party is not included, or is excluded',
  platforms: 'the platform is not included, or is excluded',
  ownership: 'the device ownership does not match',
  clientTypes: 'the client type does not match',
  networks: 'the network is not included, or is excluded',
  signInRisk: 'the sign-in risk does not match',
};

export const outcomeLabels: Readonly<Record<SignInOutcome, Worded>> = {
  success: { label: 'Success', color: 'green' },
  interrupted: { label: 'Interrupted', color: 'yellow' },
  failure: { label: 'Failure', color: 'red' },
};

export const grantTypeLabels: Readonly<Record<RelyingPartyGrantType, string>> = {
  authorization_code: 'Authorization code (with PKCE)',
  refresh_token: 'Refresh token',
  client_credentials: 'Client credentials',
};

export const authMethodLabels: Readonly<Record<TokenEndpointAuthMethod, string>> = {
  client_secret_basic: 'Client secret (HTTP Basic)',
  client_secret_post: 'Client secret (form post)',
  private_key_jwt: 'Private key JWT',
  none: 'None (public client with PKCE)',
};

/** Options for a Mantine Select or MultiSelect from a label table. */
export function optionsOf<K extends string>(labels: Readonly<Record<K, string | Worded>>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string | Worded][]).map(([value, l]) => ({ value, label: typeof l === 'string' ? l : l.label }));
}

// The shared table does not know the identity codes yet; these pages name them themselves.
const identityWords: Readonly<Record<string, string>> = {
  ACCESS_POLICY_NOT_FOUND: 'No such conditional access policy',
  ACCESS_POLICY_NAME_TAKEN: 'A conditional access policy with that name exists',
  ACCESS_POLICY_VERSION_CONFLICT: 'Someone changed the policy while you edited it',
  ACCESS_POLICY_INVALID: 'The policy is not valid',
  RELYING_PARTY_NOT_FOUND: 'No such relying party',
  RELYING_PARTY_INVALID: 'The relying party is not valid',
};

/** A headline for a problem on the identity pages, in words. */
export function identityProblemTitle(problem: ApiProblem): string {
  return identityWords[problem.code] ?? problemTitle(problem);
}
