import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { ErrorAlert } from './error-alert';

/** Which import: the users or the groups endpoint, and what its columns are. */
export interface CsvImportProps {
  readonly kind: 'users' | 'groups';
  readonly columns: string;
  readonly opened: boolean;
  readonly onClose: () => void;
}

/**
 * Uploads a CSV file to an import endpoint as it is. The API applies it all or nothing and names
 * the failing row and column itself; the summary or that error is shown as it came.
 */
export function CsvImport({ kind, columns, opened, onClose }: CsvImportProps) {
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      const text = file === null ? '' : await file.text();
      const options = { body: text, bodySerializer: (body: string) => body, headers: { 'content-type': 'text/csv' } };
      return kind === 'users' ? ok(api.POST('/api/v1/users/import', options)) : ok(api.POST('/api/v1/groups/import', options));
    },
    onSuccess: () => { void queries.invalidateQueries({ queryKey: [kind] }); },
  });
  const close = () => {
    upload.reset();
    setFile(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Import ${kind} from CSV`} centered>
      <Stack gap="sm">
        <Text size="sm">Columns: {columns}. Existing {kind} are updated by {kind === 'users' ? 'e-mail' : 'name'}; the file is applied whole or not at all.</Text>
        <FileInput label="CSV file" accept=".csv,text/csv" value={file} onChange={setFile} clearable />
        <ErrorAlert error={upload.error} />
        {upload.data === undefined ? null : (
          <Alert color="green" title="Imported">
            {upload.data.created} created, {upload.data.updated} updated, {upload.data.unchanged} unchanged, {upload.data.memberships} memberships added.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{upload.data === undefined ? 'Cancel' : 'Close'}</Button>
          {upload.data === undefined ? <Button disabled={file === null} loading={upload.isPending} onClick={() => { upload.mutate(); }}>Import</Button> : null}
        </Group>
      </Stack>
    </Modal>
  );
}
