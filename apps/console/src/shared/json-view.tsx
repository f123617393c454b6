import { Code, Table, Text } from '@mantine/core';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A JSON object as a two-column table, nested objects flattened to dotted keys, arrays of scalars
 * joined: what an admin reads in raw inventory or an audit event, without a tree to click through.
 */
export function JsonTable({ value, caption, empty = 'Nothing reported.' }: { readonly value: unknown; readonly caption: string; readonly empty?: string }) {
  const rows: [string, string][] = [];
  const walk = (node: unknown, prefix: string) => {
    if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) walk(child, prefix === '' ? key : `${prefix}.${key}`);
    } else if (Array.isArray(node) && node.some((item) => isRecord(item) || Array.isArray(item))) {
      node.forEach((item, index) => { walk(item, `${prefix}[${index}]`); });
    } else {
      rows.push([prefix, Array.isArray(node) ? node.map(scalar).join(', ') : scalar(node)]);
    }
  };
  walk(value, '');
  if (rows.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Table striped withTableBorder fz="sm" layout="fixed">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Tbody>
        {rows.map(([key, text]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" w="35%" style={{ wordBreak: 'break-all' }}><Code>{key}</Code></Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>{text}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
