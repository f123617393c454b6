import { Alert, Code, Text } from '@mantine/core';
import { ApiProblem } from '../api/client';
import { problemTitle } from './error-words';

/** Turns anything a query or mutation failed with into an ApiProblem, keeping the API's own. */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, 'UNEXPECTED_RESPONSE', error instanceof Error ? error.message : String(error));
}

/**
 * An API error as people should see it: a headline in words, the server's message, the stable
 * code and the request id to quote. Never swallowed, never reduced to "something went wrong".
 */
export function ErrorAlert({ error, title }: { readonly error: unknown; readonly title?: string }) {
  if (error === null || error === undefined) return null;
  const problem = asProblem(error);
  const field = typeof problem.details?.field === 'string' ? problem.details.field : undefined;
  return (
    <Alert color="red" variant="light" title={title ?? problemTitle(problem)} role="alert" data-error-code={problem.code}>
      <Text size="sm">{problem.message}</Text>
      <Text size="xs" c="dimmed" mt={4}>
        Code <Code>{problem.code}</Code>
        {field === undefined ? null : <> · field <Code>{field}</Code></>}
        {problem.requestId === undefined ? null : <> · request <Code>{problem.requestId}</Code></>}
      </Text>
    </Alert>
  );
}
