import type { Answer, Body } from '../../api/types';

// The identity pages' shapes, all derived from the generated API types, so a change to the API
// breaks the build here rather than at run time.

export type AccessPolicy = Answer<'getAccessPolicy'>;
export type AccessPolicyState = AccessPolicy['state'];
export type AccessConditions = AccessPolicy['conditions'];
export type AccessGrant = AccessPolicy['grant'];
export type GrantControl = NonNullable<AccessGrant['controls']>[number];
export type GrantOperator = NonNullable<AccessGrant['operator']>;
export type ClientType = NonNullable<AccessConditions['clientTypes']>[number];
export type Ownership = NonNullable<AccessConditions['ownership']>[number];
export type ConditionRisk = NonNullable<AccessConditions['signInRisk']>[number];
export type CreateAccessPolicy = Body<'createAccessPolicy'>;
export type PatchAccessPolicy = Body<'updateAccessPolicy'>;
export type WhatIfRequest = Body<'whatIfSignIn'>;
export type WhatIfResult = Answer<'whatIfSignIn'>;
export type PolicyOutcome = WhatIfResult['policies'][number];
export type PolicyResult = PolicyOutcome['result'];
export type AccessDecision = WhatIfResult['decision'];
export type AccessChallenge = WhatIfResult['challenges'][number];
export type ConditionName = NonNullable<PolicyOutcome['notAppliedBecause']>;
export type SignInRisk = WhatIfResult['signInRisk'];
export type SignIn = Answer<'listSignIns'>['items'][number];
export type SignInOutcome = SignIn['outcome'];
export type RelyingParty = Answer<'getRelyingParty'>;
export type RelyingPartyGrantType = RelyingParty['grantTypes'][number];
export type TokenEndpointAuthMethod = RelyingParty['tokenEndpointAuthMethod'];
export type CreateRelyingParty = Body<'createRelyingParty'>;
