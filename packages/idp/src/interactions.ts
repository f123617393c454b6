import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type default as Provider } from 'oidc-provider';

/** What the sign-in pages need to know about a pending interaction. */
export interface InteractionDetails {
  readonly uid: string;
  /** What the provider asks for: `login` (authenticate the user) or `consent`. */
  readonly prompt: string;
  /** Why (`no_session`, `login_prompt`, `max_age`…). */
  readonly reasons: readonly string[];
  readonly clientId: string;
  /** Selected request parameters: `scope`, `login_hint`, `acr_values`, `ui_locales`, `redirect_uri`, `device_assertion`, `app_assertion`. */
  readonly params: Readonly<Record<string, string>>;
  /** The account of the existing session, if the user is already signed in. */
  readonly accountId: string | null;
}

/** The outcome of a successful sign-in. */
export interface CompleteLoginInput {
  readonly accountId: string;
  /** Authentication methods used (RFC 8176: `pwd`, `otp`, `hwk`, `mfa`…). */
  readonly amr?: readonly string[];
  readonly acr?: string;
  /** Keep the session past the browser's life (a persistent cookie); default true. */
  readonly remember?: boolean;
}

/**
 * The interaction hooks the sign-in pages call with the raw Node request and response (the
 * interaction cookie is read from them). Each finishing call returns the URL to redirect the
 * browser to (303), so the page's framework sends the response itself.
 */
export interface IdentityProviderInteractions {
  /** The pending interaction, or undefined when there is none (expired, or no interaction cookie). */
  details(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails | undefined>;
  /** Completes the login prompt for `input.accountId`. */
  completeLogin(req: IncomingMessage, res: ServerResponse, input: CompleteLoginInput): Promise<string>;
  /** Ends the interaction with an OAuth error sent to the client (`access_denied`, `login_required`…; RFC 6749 §4.1.2.1). */
  abort(req: IncomingMessage, res: ServerResponse, error: string, description?: string): Promise<string>;
}

// device_assertion: issue 6 §3, a device proving itself by its key; app_assertion: an SDK app
// proving its protection registration (docs/protocols/sdk-v1.md). Both are the provider's `extraParams`.
const forwardedParams = ['scope', 'login_hint', 'acr_values', 'ui_locales', 'redirect_uri', 'prompt', 'max_age', 'device_assertion', 'app_assertion'] as const;

/** The interaction hooks of `provider` (its `interactionDetails` and `interactionResult`). */
export function createInteractions(provider: Provider): IdentityProviderInteractions {
  return {
    async details(req, res) {
      let interaction: Awaited<ReturnType<Provider['interactionDetails']>>;
      try {
        interaction = await provider.interactionDetails(req, res);
      } catch (error) {
        if (error instanceof errors.SessionNotFound) return undefined;
        throw error;
      }
      const params: Record<string, string> = {};
      for (const name of forwardedParams) {
        const value = interaction.params[name];
        if (typeof value === 'string') params[name] = value;
      }
      const clientId = interaction.params['client_id'];
      return {
        uid: interaction.uid,
        prompt: interaction.prompt.name,
        reasons: [...interaction.prompt.reasons],
        clientId: typeof clientId === 'string' ? clientId : '',
        params,
        accountId: interaction.session?.accountId ?? null,
      };
    },
    async completeLogin(req, res, input) {
      const login = {
        accountId: input.accountId,
        remember: input.remember ?? true,
        ...(input.amr === undefined ? {} : { amr: [...input.amr] }),
        ...(input.acr === undefined ? {} : { acr: input.acr }),
      };
      return provider.interactionResult(req, res, { login }, { mergeWithLastSubmission: false });
    },
    async abort(req, res, error, description) {
      return provider.interactionResult(req, res, { error, ...(description === undefined ? {} : { error_description: description }) }, { mergeWithLastSubmission: false });
    },
  };
}
