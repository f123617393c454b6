import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { encodePlist } from '../plist/encode-plist.js';
import { handleCheckIn } from './mdm-check-in.js';
import { registerMdmAppRoutes } from './mdm-app-routes.js';
import { handleConnect } from './mdm-connect.js';
import { sendMdmError } from './mdm-route-error.js';
import { resolveAppleMdmRouteOptions, type AppleMdmRouteOptions } from './mdm-route-options.js';

/** What Apple's client sends to the CheckInURL and the ServerURL. */
export const mdmCheckInContentType = 'application/x-apple-aspen-mdm-checkin';
export const mdmConnectContentType = 'application/x-apple-aspen-mdm';
const plistContentType = 'application/xml; charset=utf-8';

/**
 * The Apple MDM endpoints (issue 5 §4, §5), as an encapsulated Fastify plugin:
 * - `PUT <checkInPath>` (CheckInURL, `/mdm/checkin`): check-in messages, see `handleCheckIn`;
 * - `PUT <connectPath>` (ServerURL, `/mdm/connect`): command reports, answered with the next
 *   command as an XML plist or an empty 200, see `handleConnect`;
 * - with `apps`, `GET /mdm/apps/<versionId>/manifest.plist` and `GET|HEAD …/package`: the
 *   line-of-business apps InstallApplication names, see `registerMdmAppRoutes`.
 *
 * Bodies are read as bytes whatever their Content-Type: Apple's client labels check-ins
 * `application/x-apple-aspen-mdm-checkin` and reports `application/x-apple-aspen-mdm`, but the body,
 * not the label, is what gets decoded and signed, and NanoMDM likewise does not insist on it.
 * Each path has its own body limit (413 beyond it). Every request is authenticated by its device
 * certificate (see `mdmRequestCertificate`) and checked against the device it was bound to. Errors
 * are rendered by `sendMdmError`, the one mapping of codes to statuses; a refused request changes
 * nothing.
 */
export const appleMdmRoutes: FastifyPluginAsync<AppleMdmRouteOptions> = (app: FastifyInstance, given: AppleMdmRouteOptions) => {
  const options = resolveAppleMdmRouteOptions(given);
  // Encapsulated plugin: these parsers and this error handler apply to these routes only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  app.setErrorHandler((error, request, reply) => sendMdmError(request, reply, error));

  const bodyOf = (request: FastifyRequest): Uint8Array => (request.body instanceof Uint8Array ? request.body : new Uint8Array(0));

  app.put(options.checkInPath, { bodyLimit: options.maxCheckInBytes }, async (request, reply): Promise<FastifyReply> => {
    const answer = await handleCheckIn(request, bodyOf(request), options);
    if (answer.plist === undefined) return reply.code(answer.status).send();
    return reply.code(answer.status).type(plistContentType).send(encodePlist(answer.plist));
  });

  app.put(options.connectPath, { bodyLimit: options.maxConnectBytes }, async (request, reply): Promise<FastifyReply> => {
    const answer = await handleConnect(request, bodyOf(request), options);
    if (answer.command === undefined) return reply.code(200).send();
    return reply.code(200).type(plistContentType).send(Buffer.from(answer.command));
  });

  if (options.apps !== undefined) registerMdmAppRoutes(app, options, options.apps);
  return Promise.resolve();
};
