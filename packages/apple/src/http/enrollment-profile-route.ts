import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildEnrollmentProfile, type EnrollmentProfileInput } from '../enrollment-profile/build-enrollment-profile.js';
import { signProfile, type ProfileSigner } from '../payloads/sign-profile.js';

/** What the server decided for one enrollment profile request. */
export type EnrollmentProfilePlan =
  | {
      readonly ok: true;
      /** The one-time SCEP challenge (a secret: it is in the profile and nowhere else). */
      readonly challenge: string;
      /** The APNs topic of the tenant's push certificate. */
      readonly topic: string;
      readonly userEnrollment: boolean;
      readonly managedAppleId?: string;
      /** AccessRights of a device enrollment (a personal device gets fewer). */
      readonly accessRights?: number;
    }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/**
 * Who asks: a device holder with an enrollment token (`?token=`), or a user signed in to the
 * portal (`Authorization: Bearer <session>`) enrolling their own device, personal unless
 * `?ownership=corporate`.
 */
export type EnrollmentProfileRequest =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'user'; readonly bearer: string; readonly ownership: 'corporate' | 'personal'; readonly ip: string };

/** Options of {@link enrollmentProfileRoute}. */
export interface EnrollmentProfileRouteOptions {
  /**
   * Checks the enrollment token and makes the profile's one-time challenge (core's
   * `createAppleEnrollmentChallenge`), and reads the tenant's push topic. A refusal carries the
   * stable code and HTTP status the device holder sees.
   */
  readonly plan: (request: EnrollmentProfileRequest) => Promise<EnrollmentProfilePlan>;
  /** The fixed parts of every profile: Ward's URLs, CA certificates, organisation and identifier prefix. */
  readonly profile: Pick<EnrollmentProfileInput, 'serverUrl' | 'checkInUrl' | 'scepUrl' | 'caCertificatesDer' | 'organization' | 'identifierPrefix'>;
  /** Signs the profile (attached CMS), so the device shows it as verified and refuses a tampered copy. */
  readonly sign: ProfileSigner;
  /** The path served; `/mdm/enroll` by default. */
  readonly path?: string;
}

// Enrollment tokens are base64url text of bounded length (core's enrollment-token-text.ts); a
// longer value is refused before any lookup.
const MAX_TOKEN_CHARS = 256;

/**
 * The enrollment profile download (issue 5 §2): `GET /mdm/enroll?token=<enrollment token>` answers
 * a signed `.mobileconfig` (`application/x-apple-aspen-config`) holding Ward's CA, a SCEP payload
 * with a fresh one-time challenge, and the com.apple.mdm payload. Each download makes a new
 * challenge; the token's use is counted when a device completes Authenticate. Refusals are JSON
 * `{ error: { code, message } }` with the status the plan gives, so a browser shows why.
 */
export const enrollmentProfileRoute: FastifyPluginAsync<EnrollmentProfileRouteOptions> = (app: FastifyInstance, options: EnrollmentProfileRouteOptions) => {
  app.get(options.path ?? '/mdm/enroll', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const { token, ownership } = query;
    const authorization = request.headers.authorization;
    let asked: EnrollmentProfileRequest;
    if (token === undefined && typeof authorization === 'string' && /^Bearer [!-~]{1,512}$/.test(authorization)) {
      if (ownership !== undefined && ownership !== 'corporate' && ownership !== 'personal') {
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'ownership must be corporate or personal.' } });
      }
      asked = { kind: 'user', bearer: authorization.slice('Bearer '.length), ownership: ownership ?? 'personal', ip: request.ip };
    } else if (typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_CHARS) {
      asked = { kind: 'token', token };
    } else {
      return reply.code(400).send({ error: { code: 'ENROLLMENT_TOKEN_INVALID', message: 'The enrollment link has no valid token.' } });
    }
    const plan = await options.plan(asked);
    if (!plan.ok) return reply.code(plan.status).send({ error: { code: plan.code, message: plan.message } });
    const dict = buildEnrollmentProfile({
      ...options.profile,
      challenge: plan.challenge,
      topic: plan.topic,
      userEnrollment: plan.userEnrollment,
      ...(plan.managedAppleId === undefined ? {} : { managedAppleId: plan.managedAppleId }),
      ...(plan.accessRights === undefined ? {} : { accessRights: plan.accessRights }),
    });
    const signed = await signProfile(dict, options.sign);
    return reply
      .type('application/x-apple-aspen-config')
      .header('content-disposition', 'attachment; filename="ward-enroll.mobileconfig"')
      .header('cache-control', 'no-store')
      .send(Buffer.from(signed));
  });
  return Promise.resolve();
};
