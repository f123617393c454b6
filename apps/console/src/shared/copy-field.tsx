import { Button, Code, CopyButton, Group, Text } from '@mantine/core';

/** A secret or command line to copy, shown whole, with a copy button that says what it copies. */
export function CopyField({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>{label}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid={`copy-${label}`}>{value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`} miw={70}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
