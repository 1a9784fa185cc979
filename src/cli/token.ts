// The dev token command: `cubit-core-mock token --subject <sub> [options]` (or `npm run token -- …`) prints an HS256 bearer token the mock
// accepts for the audit operations, and nothing else, on standard output; usage errors go to stderr with exit 2.
import { parseArgs } from 'node:util';
import { devJwtSecret } from '../config.js';
import { minimumSecretBytes } from '../http/bearer-auth.js';
import { DevTokenError, mintDevToken } from '../http/dev-token.js';

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
