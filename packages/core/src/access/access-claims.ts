import { grantControls, type AccessEvaluation, type GrantControl } from './model.js';

/** The `acr` of a sign-in that met no conditional access control (a password alone). */
export const basicAccessAcr = 'urn:ward:acr:basic';

/** What the identity provider puts in ID and access tokens about a decision (issue 6 §5). */
export interface AccessClaims {
  /**
   * `urn:ward:acr:` and the controls met, in `grantControls` order joined by `+`
   * (`urn:ward:acr:mfa+compliantDevice`), or {@link basicAccessAcr}. Relying parties ask for a
   * level with `acr_values` and read it back from the token (OpenID Connect Core §2, §3.1.2.1).
   */
  readonly acr: string;
  /**
   * Authentication method references (RFC 8176 §2) the decision adds to the provider's own
   * (`pwd`, `otp`, `hwk`): `mfa` when a second factor was required and met.
   */
  readonly amr: readonly string[];
  /** The controls met, for a Ward-specific claim. */
  readonly controls: readonly GrantControl[];
}

/** The claims of an allowed decision. */
export function accessClaims(evaluation: Pick<AccessEvaluation, 'satisfiedControls'>): AccessClaims {
  const controls = grantControls.filter((c) => evaluation.satisfiedControls.includes(c));
  return {
    acr: controls.length === 0 ? basicAccessAcr : `urn:ward:acr:${controls.join('+')}`,
    amr: controls.includes('mfa') ? ['mfa'] : [],
    controls,
  };
}
