import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ok } from '../api/client';
import { ErrorAlert } from './error-alert';

/** What openapi-fetch resolves to when asked for a blob. */
interface BlobOutcome {
  readonly data?: Blob;
  readonly error?: unknown;
  readonly response: Response;
}

/** The file name a `content-disposition: attachment; filename="…"` header names, if any. */
export function attachmentName(header: string | null): string | undefined {
  const match = header === null ? null : /filename="([^"]+)"/.exec(header);
  return match?.[1];
}

/**
 * Hands a blob to the browser as a download. The API wants a bearer header, which a plain link
 * cannot send, so the file is fetched here and saved through an object URL.
 */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}

/**
 * A button that downloads a CSV (or any file) from the API with the session's bearer, and shows
 * the API's error in place when the server refuses.
 */
export function DownloadButton({ fetchFile, fallbackName, children, ...button }: { readonly fetchFile: () => Promise<BlobOutcome>; readonly fallbackName: string; readonly children: string } & Omit<ButtonProps, 'children' | 'onClick' | 'loading'>) {
  const download = useMutation({
    mutationFn: async () => {
      const pending = fetchFile();
      const blob = await ok(pending);
      const { response } = await pending;
      save(blob, attachmentName(response.headers.get('content-disposition')) ?? fallbackName);
    },
  });
  return (
    <>
      <Button variant="default" {...button} loading={download.isPending} onClick={() => { download.mutate(); }}>{children}</Button>
      {download.error === null ? null : <ErrorAlert error={download.error} title={`${children} failed`} />}
    </>
  );
}
