// The admin API's issueClientCredentials: what a client of each environment needs (base URL, API key, and a bearer
// token for the audit operations), for an admin-key holder such as the QA console. A token can be signed only when
// the mock verifies tokens with its shared secret; with a public key or a JWKS the answer says so instead.
import type { JwtSettings } from '../http/bearer-auth.js';
import { defaultAudience } from '../http/bearer-auth.js';
import { mintDevToken } from '../http/dev-token.js';
import type { AdminHandlerMap } from './admin-handler.js';

export interface CredentialSource {
  environments: readonly string[];
  apiKeys: Record<string, string>;
  /** The header the API key goes in (the main document's ApiKey scheme). */
  apiKeyHeader: string;
  jwt: JwtSettings;
  now: () => Date;
}

function unsignable(jwt: JwtSettings): string | undefined {
  if (jwt.publicKeyFile !== undefined) return 'The mock verifies bearer tokens with a public key (--jwt-public-key), so it cannot sign one; get a token from the identity provider.';
  if (jwt.jwksFile !== undefined) return 'The mock verifies bearer tokens with a JWKS (--jwt-jwks), so it cannot sign one; get a token from the identity provider.';
  return undefined;
}

export function credentialHandlers(source: CredentialSource): AdminHandlerMap {
  return {
    async issueClientCredentials({ body, adminUrl }) {
      const { subject, expiresInSeconds = 3600 } = body as { subject: string; expiresInSeconds?: number };
      const now = source.now();
      const unavailable = unsignable(source.jwt);
      const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + expiresInSeconds * 1000).toISOString();
      const base = adminUrl().replace(/\/__admin$/, '');
      const environments = await Promise.all(
        source.environments.map(async (environment) => ({
          environment,
          baseUrl: `${base}/${environment}`,
          apiKeyHeader: source.apiKeyHeader,
          apiKey: source.apiKeys[environment] as string,
          ...(unavailable === undefined
            ? {
                bearerToken: await mintDevToken({
                  subject,
                  environment,
                  expiresIn: `${expiresInSeconds}s`,
                  audience: source.jwt.audiences?.[environment] ?? defaultAudience(environment),
                  secret: source.jwt.secret,
                  issuer: source.jwt.issuer,
                  now,
                }),
                bearerTokenExpiresAt: expiresAt,
              }
            : { bearerToken: null, bearerTokenExpiresAt: null, bearerTokenUnavailable: unavailable }),
        })),
      );
      return { status: 200, headers: { 'cache-control': 'no-store' }, body: { environments } };
    },
  };
}
