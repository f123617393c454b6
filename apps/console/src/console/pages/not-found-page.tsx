import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../shared/page-header';

/** A console address that names no page. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="No such page" />
      <Text>
        This address is not a page of the console. <Anchor component={Link} to="/">Go to the dashboard</Anchor>.
      </Text>
    </>
  );
}
