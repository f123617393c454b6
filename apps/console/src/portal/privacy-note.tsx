import { List, Stack, Text } from '@mantine/core';

// What the server keeps of a personal device, before one is enrolled (a device's own page shows
// the server's account of that device instead): the same promises `itAccessOf` states in core.
export function PrivacyNote() {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>On a personal device, IT can see</Text>
      <List size="sm" spacing={2}>
        <List.Item>its name, model, serial number and operating system version;</List.Item>
        <List.Item>security settings: disk encryption, screen lock, firewall, password;</List.Item>
        <List.Item>whether it meets the company's rules.</List.Item>
      </List>
      <Text size="sm" fw={600} mt={4}>IT cannot see</Text>
      <List size="sm" spacing={2}>
        <List.Item>your apps, files, photos, messages, browsing or location.</List.Item>
      </List>
      <Text size="sm" mt={4}>IT can remove the company's access and data from it (retire); it cannot erase the device.</Text>
    </Stack>
  );
}
