import { Center, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSessionState } from '../api/session';
import { SignInForm } from './sign-in-form';

/** Props of {@link SessionGate}. */
export interface SessionGateProps {
  /** Heading of the sign-in page. */
  readonly title: string;
  /** A line under it: what this app is for. */
  readonly subtitle: string;
  readonly children: ReactNode;
}

/**
 * Shows the sign-in page until there is a session, then the app. When the server ends the session
 * mid-work the app stays on screen, edits and all, under a dialog that signs in again as the same
 * person; every query then refetches.
 */
export function SessionGate({ title, subtitle, children }: SessionGateProps) {
  const state = useSessionState();
  const queries = useQueryClient();
  if (state.current === undefined) {
    return (
      <Center mih="100vh" p="md" component="main">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
          <Stack gap="lg">
            <div>
              <Title order={1} size="h2">{title}</Title>
              <Text c="dimmed" size="sm">{subtitle}</Text>
            </div>
            <SignInForm onSignedIn={() => { queries.clear(); }} />
          </Stack>
        </Paper>
      </Center>
    );
  }
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
