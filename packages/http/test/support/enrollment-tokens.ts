import { call, expectOk, type TestApi } from './test-api.js';

/** The answer of `POST /api/v1/enrollment-tokens`. */
export interface CreatedTokenBody {
  readonly token: { readonly id: string; readonly name: string; readonly maxUses: number | null; readonly uses: number; readonly ownership: string; readonly expiresAt: string; readonly revokedAt: string | null };
  readonly text: string;
  readonly enrollCommand: string | null;
  readonly qrSvg: string | null;
}

/** Creates an enrollment token as a global admin through the API. */
export async function createEnrollmentToken(api: TestApi, body: Record<string, unknown> = {}): Promise<CreatedTokenBody> {
  return expectOk<CreatedTokenBody>(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'globalAdmin', body: { name: 'Laptops', ...body } }), 201);
}
