import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appleAppPackagePath, getAppleAppPackage, resolveAppleDownloadRequest, type AppleAppPackage } from '@ward/core';
import { buildAppManifest } from '../payloads/build-app-manifest.js';
import { encodePlist } from '../plist/encode-plist.js';
import { mdmRequestCertificate } from './mdm-request-certificate.js';
import { MdmRouteError } from './mdm-route-error.js';
import type { AppleAppDownloadOptions, ResolvedAppleMdmRouteOptions } from './mdm-route-options.js';
import { mdmOrigin } from './mdm-session.js';

/** The manifest's path pattern; core's `appleAppManifestPath` makes the URLs that lead here. */
export const appleAppManifestRoute = '/mdm/apps/:versionId/manifest.plist';
/** The package's path pattern (core's `appleAppPackagePath`). */
export const appleAppPackageRoute = '/mdm/apps/:versionId/package';

interface VersionParams {
  readonly versionId: string;
}

/**
 * Authorises a download: the device identity must come with the connection (mTLS, or a trusted
 * proxy's Client-Cert header; a body signature cannot cover a GET), be an enrolled Apple device,
 * and the version must be that device's current install item (APP_PACKAGE_NOT_FOUND otherwise,
 * whoever else it belongs to).
 */
async function authorisedPackage(request: FastifyRequest<{ Params: VersionParams }>, options: ResolvedAppleMdmRouteOptions): Promise<AppleAppPackage> {
  const certificate = await mdmRequestCertificate(request, new Uint8Array(0), options, { transportOnly: true });
  const session = await resolveAppleDownloadRequest(options.deps, { certificate, origin: mdmOrigin(request) });
  if (!session.ok) throw MdmRouteError.from(session);
  const found = await getAppleAppPackage(options.deps, session.value, request.params.versionId);
  if (!found.ok) throw MdmRouteError.from(found);
  return found.value;
}

/**
 * The app download routes of Apple MDM (issue 7 §2), registered inside `appleMdmRoutes` so they
 * share its error rendering:
 * - `GET /mdm/apps/<versionId>/manifest.plist`: the manifest InstallApplication's ManifestURL
 *   names (see `buildAppManifest`), pointing at the package below;
 * - `GET|HEAD /mdm/apps/<versionId>/package`: the .ipa or .pkg, resumable with single ranges
 *   (the server's {@link AppleAppDownloadOptions.sendPackage}).
 * Both only for the device whose install item the version is.
 */
export function registerMdmAppRoutes(app: FastifyInstance, options: ResolvedAppleMdmRouteOptions, apps: AppleAppDownloadOptions): void {
  const base = apps.publicUrl.replace(/\/+$/, '');
  app.get<{ Params: VersionParams }>(appleAppManifestRoute, async (request, reply): Promise<FastifyReply> => {
    const pkg = await authorisedPackage(request, options);
    const manifest = buildAppManifest(pkg, `${base}${appleAppPackagePath(pkg.versionId)}`);
    return reply.code(200).type('application/xml; charset=utf-8').header('cache-control', 'no-store').send(encodePlist(manifest));
  });
  // Fastify's automatic HEAD would read the whole file to throw it away; this one sends headers only.
  app.get<{ Params: VersionParams }>(appleAppPackageRoute, { exposeHeadRoute: false }, async (request, reply) => apps.sendPackage(request, reply, await authorisedPackage(request, options), true));
  app.head<{ Params: VersionParams }>(appleAppPackageRoute, async (request, reply) => apps.sendPackage(request, reply, await authorisedPackage(request, options), false));
}
