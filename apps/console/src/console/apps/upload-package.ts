import { ApiProblem, problemOf } from '../../api/client';
import { session } from '../../api/session';
import type { UploadedAppVersion } from './app-types';

/** How far an upload has come. */
export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number;
}

/** An upload under way: its answer, and a way to stop it. */
export interface PackageUpload {
  readonly done: Promise<UploadedAppVersion>;
  readonly abort: () => void;
}

// Codes that mean the session is gone, as the API client treats them: the page keeps its state
// and asks for the password again in place.
const sessionEndingCodes: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']);

/**
 * Sends a package file as the raw body of `POST /api/v1/apps/{id}/versions`. XMLHttpRequest rather
 * than fetch: it streams a File from disk and reports upload progress, which fetch cannot do over
 * HTTP/1.1. The server's refusals become the same {@link ApiProblem} every page shows.
 */
export function uploadPackage(appId: string, file: File, onProgress: (progress: UploadProgress) => void): PackageUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedAppVersion>((resolve, reject) => {
    const url = new URL(`/api/v1/apps/${encodeURIComponent(appId)}/versions`, window.location.origin);
    url.searchParams.set('fileName', file.name);
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    const current = session.get();
    if (current !== undefined) xhr.setRequestHeader('authorization', `Bearer ${current.token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      onProgress({ sentBytes: event.loaded, totalBytes: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201 && body !== undefined) {
        resolve(body as UploadedAppVersion);
        return;
      }
      const headers = new Headers();
      const requestId = xhr.getResponseHeader('x-request-id');
      if (requestId !== null) headers.set('x-request-id', requestId);
      const problem = problemOf(new Response(null, { status: xhr.status === 0 ? 500 : xhr.status, statusText: xhr.statusText, headers }), body);
      if (xhr.status === 401 && sessionEndingCodes.has(problem.code)) session.expire(problem.message);
      reject(problem);
    };
    xhr.onerror = () => {
      // The server may close the connection early on a refused upload (too large); the browser then
      // sees a network error without the answer.
      reject(new ApiProblem(0, 'NETWORK', 'The upload was interrupted: the server could not be reached or closed the connection.'));
    };
    xhr.onabort = () => {
      reject(new ApiProblem(0, 'NETWORK', 'The upload was canceled.'));
    };
    xhr.send(file);
  });
  return { done, abort: () => { xhr.abort(); } };
}
