import { Anchor, Button, Center, Divider, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { completeIdentityProviderSignIn, isSignInCallback, startIdentityProviderSignIn } from '../api/identity-provider-sign-in';
import { useSessionState } from '../api/session';
import { ErrorAlert } from './error-alert';
import { SignInForm } from './sign-in-form';

/** Props of {@link SessionGate}. */
export interface SessionGateProps {
  /** Heading of the sign-in page. */
  readonly title: string;
  /** A line under it: what this app is for. */
  readonly subtitle: string;
  /** Which app this is: picks the identity provider's callback (the console's or the portal's). */
  readonly app: 'console' | 'portal';
  readonly children: ReactNode;
}

/** The callback page of the identity provider's sign-in: redeems the code once, then goes back where the user was. */
function SignInCallback({ app, onSignedIn }: { readonly app: 'console' | 'portal'; readonly onSignedIn: () => void }) {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<unknown>(undefined);
  // StrictMode runs effects twice in development; a code can be redeemed once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeIdentityProviderSignIn(new URL(location.href))
      .then((returnTo) => {
        onSignedIn();
        const path = app === 'portal' ? returnTo.replace(/^\/portal(?=\/|$)/u, '') || '/' : returnTo;
        void navigate(isSignInCallback(returnTo) ? '/' : path, { replace: true });
      })
      .catch((error: unknown) => { setProblem(error); });
  }, [app, navigate, onSignedIn]);
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        {problem === undefined ? (
          <Stack align="center" gap="sm"><Loader aria-label="Signing in" /><Text size="sm">Signing you in…</Text></Stack>
        ) : (
          <Stack gap="sm">
            <ErrorAlert error={problem} title="Sign-in did not complete" />
            <Button onClick={() => { void startIdentityProviderSignIn(app); }}>Sign in again</Button>
          </Stack>
        )}
      </Paper>
    </Center>
  );
}

/** The sign-in page: Ward's identity provider first (passkeys, authenticator codes, conditional access), the password form as the fallback. */
function SignInPage({ title, subtitle, app, onSignedIn }: { readonly title: string; readonly subtitle: string; readonly app: 'console' | 'portal'; readonly onSignedIn: () => void }) {
  const [leaving, setLeaving] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [passwordForm, setPasswordForm] = useState(false);
  const go = () => {
    setLeaving(true);
    setProblem(undefined);
    startIdentityProviderSignIn(app).catch((error: unknown) => {
      setLeaving(false);
      setProblem(error);
    });
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">{title}</Title>
            <Text c="dimmed" size="sm">{subtitle}</Text>
          </div>
          <ErrorAlert error={problem} title="Could not reach the sign-in page" />
          <Button onClick={go} loading={leaving} autoFocus>Sign in with your organisation account</Button>
          <Divider label="or" labelPosition="center" />
          {passwordForm ? <SignInForm onSignedIn={onSignedIn} /> : <Anchor component="button" type="button" size="sm" onClick={() => { setPasswordForm(true); }}>Sign in with e-mail and password here</Anchor>}
        </Stack>
      </Paper>
    </Center>
  );
}

/**
 * Shows the sign-in page until there is a session, then the app. When the server ends the session
 * mid-work the app stays on screen, edits and all, under a dialog that signs in again as the same
 * person; every query then refetches.
 */
export function SessionGate({ title, subtitle, app, children }: SessionGateProps) {
  const state = useSessionState();
  const queries = useQueryClient();
  // The router's location, so the gate renders again when the callback page navigates away.
  const { pathname } = useLocation();
  const clear = () => { queries.clear(); };
  if (isSignInCallback(pathname)) return <SignInCallback app={app} onSignedIn={clear} />;
  if (state.current === undefined) return <SignInPage title={title} subtitle={subtitle} app={app} onSignedIn={clear} />;
  const { email } = state.current;
  return (
    <>
      {children}
      <Modal opened={state.expired !== undefined} onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title="Sign in again" centered>
        <Stack gap="sm">
          <Text size="sm">{state.expired?.reason} Your work on this page is kept; sign in to carry on.</Text>
          <SignInForm email={email} submitLabel="Sign in and continue" onSignedIn={() => { void queries.invalidateQueries(); }} />
        </Stack>
      </Modal>
    </>
  );
}
