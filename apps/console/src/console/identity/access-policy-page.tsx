import { Anchor, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { identityProblemTitle } from './access-labels';
import { PolicyStateBadge } from './access-policies-page';
import { AccessPolicyForm } from './access-policy-form';

const back = <Anchor component={Link} to="/conditional-access" size="sm">← Conditional access</Anchor>;

/** An API error with the identity pages' words for its code. */
function Problem({ error }: { readonly error: unknown }) {
  if (error === null || error === undefined) return null;
  return <ErrorAlert error={error} title={identityProblemTitle(asProblem(error))} />;
}

/** `/conditional-access/new`. */
export function NewAccessPolicyPage() {
  return (
    <>
      {back}
      <PageHeader title="New conditional access policy" description="It starts in report-only: watch what it would do in the sign-in log, then turn it on." />
      <AccessPolicyForm policy={undefined} readOnly={false} />
    </>
  );
}

/** `/conditional-access/:id`: a policy's definition, to change or delete. */
export function AccessPolicyPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const policy = useQuery({ queryKey: ['access-policy', id], queryFn: () => ok(api.GET('/api/v1/identity/conditional-access-policies/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/identity/conditional-access-policies/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['access-policies'] });
      void navigate('/conditional-access');
    },
  });
  const p = policy.data;
  if (p === undefined) return <>{back}<PageHeader title="Conditional access policy" />{policy.isPending ? <Text c="dimmed">Loading…</Text> : <Problem error={policy.error} />}</>;
  return (
    <>
      {back}
      <PageHeader
        title={p.name}
        description={<><PolicyStateBadge state={p.state} /> version {p.version}, changed {formatDateTime(p.updatedAt)} <Badge component="span" ml={4} size="sm" variant="light" color="gray">{p.id}</Badge></>}
        actions={
          <>
            {can('whatIfSignIn') ? <Button variant="default" component={Link} to="/what-if">What if…</Button> : null}
            {can('deleteAccessPolicy') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : null}
          </>
        }
      />
      <AccessPolicyForm key={p.id} policy={p} readOnly={!can('updateAccessPolicy')} />
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${p.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">Sign-ins are no longer evaluated against it, from the next one on. The sign-in log keeps what it decided.</Text>
          <Problem error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete policy</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
