// The dev token command: `cubit-core-mock token --subject <sub> [options]` (or `npm run token -- …`) prints an HS256 bearer token the mock
// accepts for the audit operations, and nothing else, on standard output; usage errors go to stderr with exit 2.
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { devJwtSecret } from '../config.js';
import { defaultAudience, minimumSecretBytes } from '../http/bearer-auth.js';

export const usage = `Usage: cubit-core-mock token --subject <sub> [options]
       TOKEN=$(cubit-core-mock token --subject you@example.no)
       (in a checkout: npm run -s token -- --subject you@example.no)

Prints a development bearer token (an HS256 JWT) for the mock's audit operations, and only the token, on
standard output. Send it as: Authorization: Bearer <token>

Options:
  --subject <sub>       Who the token is for (its sub), such as qa@example.no (required)
  --env <test|prod>     The environment the token is for (default test): its aud is cubit-core-<env>
  --expires-in <time>   Lifetime: a whole number and s, m, h or d, such as 90s, 15m, 1h, 2d; at most 365d (default 1h)
  --audience <aud>      Use this aud instead of the environment's
  --secret <secret>     Sign with this secret, at least ${minimumSecretBytes} bytes (default: env CUBIT_MOCK_JWT_SECRET, else
                        the development secret ${devJwtSecret}); it must be the mock's secret
  -h, --help            Show this help

The token carries iss cubit-core-mock, iat and exp.
`;

/** What `iss` every development token carries. */
export const devTokenIssuer = 'cubit-core-mock';
const unitSeconds = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
const longestLifetimeSeconds = 365 * unitSeconds.d;

/** Input a token cannot be minted from; the message says what is wrong. */
export class DevTokenError extends Error {
  override name = 'DevTokenError';
}

/** Seconds of a lifetime such as `90s`, `15m`, `1h` or `2d`; throws DevTokenError on anything else. */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,9})([smhd])$/.exec(text);
  const seconds = match === null ? Number.NaN : Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds];
  if (!(seconds >= 1 && seconds <= longestLifetimeSeconds)) {
    throw new DevTokenError(`--expires-in must be a whole number above 0 and s, m, h or d (such as 90s, 15m, 1h, 2d), at most 365d, got "${text}"`);
  }
  return seconds;
}

export interface DevTokenRequest {
  subject: string;
  environment: string;
  /** A lifetime such as `90s`, `15m`, `1h` or `2d`. */
  expiresIn: string;
  /** Default: the environment's audience, cubit-core-<environment>. */
  audience?: string;
  secret: string;
  /** The issue time; default: now. */
  now?: Date;
}

/** Signs a development token (HS256; iss, sub, aud, iat, exp). Throws DevTokenError on unusable input. */
export async function mintDevToken({ subject, environment, expiresIn, audience, secret, now = new Date() }: DevTokenRequest): Promise<string> {
  if (subject.trim() === '') throw new DevTokenError('--subject must not be empty');
  const aud = audience ?? defaultAudience(environment);
  if (aud === '') throw new DevTokenError('--audience must not be empty');
  const key = new TextEncoder().encode(secret);
  if (key.length < minimumSecretBytes) throw new DevTokenError(`The secret is ${key.length} bytes long; HS256 needs at least ${minimumSecretBytes}`);
  const lifetime = parseLifetime(expiresIn);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(devTokenIssuer)
    .setSubject(subject)
    .setAudience(aud)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(key);
}

const environments = ['test', 'prod'] as const;

/** Runs the command; returns its exit status. */
export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const usageError = (message: string) => {
    process.stderr.write(`${message}\nRun with --help to list the options.\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        subject: { type: 'string' },
        env: { type: 'string' },
        'expires-in': { type: 'string' },
        audience: { type: 'string' },
        secret: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (values.subject === undefined) return usageError('--subject is required, such as --subject qa@example.no');
  const environment = values.env ?? 'test';
  if (!(environments as readonly string[]).includes(environment)) return usageError(`--env must be one of ${environments.join(', ')}, got "${environment}"`);
  try {
    const token = await mintDevToken({
      subject: values.subject,
      environment,
      expiresIn: values['expires-in'] ?? '1h',
      audience: values.audience,
      secret: values.secret ?? (env.CUBIT_MOCK_JWT_SECRET || devJwtSecret),
    });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DevTokenError) return usageError(error.message);
    throw error;
  }
}
