import type { AppPackageBlobs } from '@ward/core';
import { MdmRouteError, type AppleAppPackageSender } from '@ward/apple';
import { sendAppPackage } from '@ward/http';

/**
 * Apple MDM's package download (`/mdm/apps/<versionId>/package`) over the blob store, through the
 * agent download's sender in `@ward/http` so both behave alike (ranges, `If-Range`, ETag, 304,
 * 416, `Repr-Digest`); failures are `MdmRouteError`s for the MDM error handler. A file the catalog
 * names but the store does not hold whole is 503 UNAVAILABLE (the device retries).
 */
export function createAppleAppPackageSender(blobs: AppPackageBlobs): AppleAppPackageSender {
  return (request, reply, file, withBody) => sendAppPackage(request, reply, { blobs, file, withBody, error: (code, message, details) => new MdmRouteError(code, message, details) });
}
