import { Avatar } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

/** A blob as a `data:` URL (the console's CSP allows data: images, not blob: ones). */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => { resolve(typeof reader.result === 'string' ? reader.result : ''); };
    reader.onerror = () => { reject(reader.error ?? new Error('The file could not be read.')); };
    reader.readAsDataURL(blob);
  });
}

/**
 * An app's icon, or its initials when it has none. The icon needs the bearer, so it is fetched
 * once per icon hash (a changed icon has another hash) and shown from memory.
 */
export function AppIcon({ app, size = 40 }: { readonly app: { readonly id: string; readonly name: string; readonly iconSha256: string | null }; readonly size?: number }) {
  const icon = useQuery({
    queryKey: ['app-icon', app.id, app.iconSha256],
    queryFn: async () => dataUrlOf(await ok(api.GET('/api/v1/apps/{id}/icon', { params: { path: { id: app.id } }, parseAs: 'blob' }))),
    enabled: app.iconSha256 !== null,
    staleTime: Infinity,
    retry: false,
  });
  const initials = app.name.split(/\s+/).filter((w) => w !== '').slice(0, 2).map((w) => w[0]?.toUpperCase() ?? '').join('');
  // Decorative beside the app's name, which is always written next to it.
  return <Avatar src={icon.data ?? null} alt="" size={size} radius="sm" color="blue" aria-hidden>{initials}</Avatar>;
}
