import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';

/** The login prompt's reason when a signed-in user comes back for another authorization. */
export const accessCheckReason = 'ward_access_check';

/** True when this authorization reuses a session rather than finishing a login interaction. */
function reusesSession(ctx: KoaContextWithOIDC): boolean {
  return ctx.oidc.result?.login === undefined && ctx.oidc.session?.accountId !== undefined;
}

/**
 * oidc-provider's default interaction policy plus one login check: an authorization that would
 * reuse an existing session (single sign-on) goes through the sign-in pages anyway, which decide
 * conditional access for it without asking for the password again (issue 6 §4: "evaluated on
 * every authorization"). Right after a login interaction the check stays quiet, so the resume
 * does not loop. With `prompt=none` there is no page to decide on, so such a request ends in
 * `login_required` (OpenID Connect Core §3.1.2.6) and the relying party sends the user through
 * the pages.
 */
export function accessCheckedInteractionPolicy(): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (login === undefined) throw new Error('accessCheckedInteractionPolicy: oidc-provider has no login prompt');
  login.checks.add(
    new interactionPolicy.Check(accessCheckReason, 'conditional access is decided at every authorization', 'login_required', (ctx) =>
      reusesSession(ctx) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
    ),
  );
  return policy;
}
