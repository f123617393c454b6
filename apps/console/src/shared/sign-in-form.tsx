import { Button, PasswordInput, PinInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiProblem, ok } from '../api/client';
import { session } from '../api/session';
import { ErrorAlert } from './error-alert';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  /** The e-mail to sign in as, fixed (signing in again after the session expired). */
  readonly email?: string;
  readonly submitLabel?: string;
  /** Called after the new session is kept. */
  readonly onSignedIn?: () => void;
}

/**
 * E-mail and password, then, when the account has an authenticator, its code: the API answers
 * MFA_REQUIRED to the first step and the form asks for the code without losing the password.
 */
export function SignInForm({ email: fixedEmail, submitLabel = 'Sign in', onSignedIn }: SignInFormProps) {
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const signIn = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/auth/sign-in', { body: { email, password, ...(needsCode ? { totpCode } : {}) } })),
    onSuccess: (signedIn) => {
      session.start({ token: signedIn.token, expiresAt: signedIn.expiresAt, email: signedIn.user.email, displayName: signedIn.user.displayName });
      setPassword('');
      setTotpCode('');
      onSignedIn?.();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'MFA_REQUIRED') setNeedsCode(true);
    },
  });
  const mfaPrompt = signIn.error instanceof ApiProblem && signIn.error.code === 'MFA_REQUIRED';
  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <Stack gap="sm">
        <TextInput label="E-mail" type="email" autoComplete="username" required value={email} readOnly={fixedEmail !== undefined} onChange={(e) => { setEmail(e.currentTarget.value); }} autoFocus={fixedEmail === undefined} />
        <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => { setPassword(e.currentTarget.value); }} data-autofocus={fixedEmail === undefined ? undefined : true} />
        {needsCode ? (
          <Stack gap={4}>
            <Text component="label" htmlFor="totp-code" size="sm" fw={500}>Authenticator code</Text>
            <PinInput id="totp-code" length={6} type="number" oneTimeCode value={totpCode} onChange={setTotpCode} aria-label="Authenticator code" autoFocus />
          </Stack>
        ) : null}
        {signIn.error !== null && !mfaPrompt ? <ErrorAlert error={signIn.error} /> : null}
        {mfaPrompt ? <Text size="sm" c="dimmed">This account uses an authenticator app. Enter its current code.</Text> : null}
        <Button type="submit" loading={signIn.isPending}>{submitLabel}</Button>
      </Stack>
    </form>
  );
}
