/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A plain, accessible page shell (no scripts, no third-party assets). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * The page shown when an authorization request cannot be sent back to the relying party (an
 * unknown client, a redirect URI that is not registered: RFC 6749 §4.1.2.1 forbids redirecting
 * then). Shows the OAuth error code and description, never a stack.
 */
export function errorPage(error: string, description: string | undefined): string {
  return page('Sign-in error', `<h1>Sign-in error</h1><p><strong>${escapeHtml(error)}</strong></p>${description === undefined ? '' : `<p>${escapeHtml(description)}</p>`}`);
}

/**
 * The RP-initiated logout confirmation (OpenID Connect RP-Initiated Logout 1.0 §2): `form` is the
 * provider's form (action and xsrf field); the buttons submit it with or without `logout=yes`.
 */
export function logoutPage(form: string, clientName: string | undefined): string {
  const who = clientName === undefined ? '' : ` from ${escapeHtml(clientName)}`;
  return page(
    'Sign out',
    `<h1>Sign out${who}?</h1>${form}<p><button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button></p>`,
  );
}

/** Shown after a logout that named no post-logout redirect URI. */
export function loggedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1><p>You are signed out. You can close this page.</p>');
}
