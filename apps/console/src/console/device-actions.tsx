import { Alert, Button, Group, List, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { ActionOutcome, ActionType } from '../api/types';
import { StatusBadge } from '../shared/badges';
import { ErrorAlert } from '../shared/error-alert';

/** What each remote action does, in words, and whether it interrupts the person at the device. */
export const actionInfo: Readonly<Record<ActionType, { readonly label: string; readonly description: string; readonly disruptive: boolean }>> = {
  sync: { label: 'Sync', description: 'Ask the device to check in now and report its state.', disruptive: false },
  refreshInventory: { label: 'Refresh inventory', description: 'Ask the device to collect and send its full inventory again.', disruptive: false },
  lock: { label: 'Lock', description: 'Lock the screen now. The user must sign in again to carry on.', disruptive: true },
  restart: { label: 'Restart', description: 'Restart the device. Unsaved work on it may be lost.', disruptive: true },
  runScript: { label: 'Run script', description: 'Run a signed script on the device as the agent runs it (root or SYSTEM).', disruptive: true },
  retire: { label: 'Retire', description: 'Remove management and company data from the device and revoke its certificate. It must enroll again to be managed.', disruptive: true },
  wipe: { label: 'Erase', description: 'Erase all content and settings (iPhone, iPad, Mac; company-owned devices only). Everything on the device is lost.', disruptive: true },
  clearPasscode: { label: 'Clear passcode', description: 'Remove the passcode of an iPhone or iPad, with the unlock token it gave at enrollment, so its user can set a new one.', disruptive: true },
  shutdown: { label: 'Shut down', description: 'Turn the device off (iPhone, iPad, Mac). Unsaved work on it may be lost.', disruptive: true },
  enableLostMode: { label: 'Enable Lost Mode', description: 'Lock a supervised iPhone or iPad and show a message on its screen until Lost Mode is turned off.', disruptive: true },
  disableLostMode: { label: 'Disable Lost Mode', description: 'Turn Lost Mode off on a supervised iPhone or iPad.', disruptive: false },
};

/** The actions every managed device takes, in menu order. */
export const actionTypes: readonly ActionType[] = ['sync', 'refreshInventory', 'lock', 'restart', 'runScript', 'retire'];

/** The actions only Apple devices take (MDM commands), in menu order. */
export const appleActionTypes: readonly ActionType[] = ['wipe', 'clearPasscode', 'shutdown', 'enableLostMode', 'disableLostMode'];

/** A device an action is asked for. */
export interface ActionTarget {
  readonly id: string;
  readonly name: string;
}

const interpreters = ['sh', 'bash', 'zsh', 'powershell'] as const;
type Interpreter = (typeof interpreters)[number];

/**
 * Confirms one remote action for one or more devices, then shows what became of each device's
 * request (queued, already pending, or refused with the API's code and reason). Retire asks for the
 * word RETIRE typed out, because it cannot be undone from the console.
 */
export function ActionModal({ type, targets, onClose }: { readonly type: ActionType | undefined; readonly targets: readonly ActionTarget[]; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [interpreter, setInterpreter] = useState<Interpreter>('sh');
  const [script, setScript] = useState('');
  const [timeoutSeconds, setTimeoutSeconds] = useState<number>(300);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  const request = useMutation({
    mutationFn: async (): Promise<readonly ActionOutcome[]> => {
      if (type === undefined) return [];
      const payload = type === 'runScript' ? { interpreter, script, timeoutSeconds } : (type === 'enableLostMode' || type === 'lock') && message.trim() !== '' ? { message: message.trim() } : undefined;
      const first = targets[0];
      if (targets.length === 1 && first !== undefined) {
        return [await ok(api.POST('/api/v1/devices/{id}/actions', { params: { path: { id: first.id } }, body: { type, ...(payload === undefined ? {} : { payload }) } }))];
      }
      const answer = await ok(api.POST('/api/v1/devices/actions', { body: { type, deviceIds: targets.map((t) => t.id), ...(payload === undefined ? {} : { payload }) } }));
      return answer.items;
    },
    onSuccess: () => {
      for (const target of targets) void queries.invalidateQueries({ queryKey: ['device', target.id] });
    },
  });
  const close = () => {
    request.reset();
    setTyped('');
    setMessage('');
    onClose();
  };
  if (type === undefined) return null;
  const info = actionInfo[type];
  const names = new Map(targets.map((t) => [t.id, t.name]));
  // Erasing, like retiring, cannot be undone from the console: the word is typed out.
  const word = type === 'retire' ? 'RETIRE' : type === 'wipe' ? 'ERASE' : undefined;
  const blocked = (word !== undefined && typed !== word) || (type === 'runScript' && script.trim() === '') || (type === 'enableLostMode' && message.trim() === '');
  const subject = targets.length === 1 ? (targets[0]?.name ?? '') : `${targets.length} devices`;
  return (
    <Modal opened onClose={close} title={`${info.label}: ${subject}`} centered size="lg">
      {request.data === undefined ? (
        <Stack gap="sm">
          <Text size="sm">{info.description}</Text>
          {targets.length > 1 ? <Text size="sm">It is queued for each device and runs when the device next checks in (devices that hold a push connection are woken at once).</Text> : null}
          {type === 'runScript' ? (
            <>
              <Select label="Interpreter" data={[...interpreters]} value={interpreter} onChange={(v) => { if (v !== null) setInterpreter(v); }} allowDeselect={false} />
              <Textarea label="Script" required autosize minRows={4} maxRows={12} value={script} onChange={(e) => { setScript(e.currentTarget.value); }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
              <NumberInput label="Time limit (seconds)" min={1} max={3600} value={timeoutSeconds} onChange={(v) => { setTimeoutSeconds(typeof v === 'number' ? v : 300); }} />
            </>
          ) : null}
          {type === 'enableLostMode' ? <TextInput label="Message on the lock screen" required maxLength={500} value={message} onChange={(e) => { setMessage(e.currentTarget.value); }} /> : null}
          {word === undefined ? null : <TextInput label={`Type ${word} to confirm`} value={typed} onChange={(e) => { setTyped(e.currentTarget.value); }} autoComplete="off" />}
          <ErrorAlert error={request.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button color={info.disruptive ? 'red' : undefined} disabled={blocked} loading={request.isPending} onClick={() => { request.mutate(); }}>
              {info.label}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Alert variant="light" color="blue" title="Request sent">The history of each device shows the action as it goes from pending to sent to its result.</Alert>
          <List spacing="xs" listStyleType="none" aria-label="Outcome per device">
            {request.data.map((outcome) => (
              <List.Item key={outcome.deviceId}>
                <Group gap="xs" wrap="nowrap">
                  <StatusBadge status={outcome.status} />
                  <Text size="sm">{names.get(outcome.deviceId) ?? outcome.deviceId}</Text>
                  {outcome.code === undefined ? null : <Text size="sm" c="red.8">{outcome.code}: {outcome.message}</Text>}
                </Group>
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
