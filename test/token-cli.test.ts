// The dev token command as QA runs it (npm run token -- …): it prints only a token, which the mock's bearer
// check accepts on its environment and refuses on the other; bad input exits 2 and says why.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { devJwtSecret } from '../src/config.js';
import { ApiError } from '../src/errors/api-error.js';
import { createBearerVerifier } from '../src/http/bearer-auth.js';
import { type Ran, runCli } from './support/run-cli.js';

const environments = ['test', 'prod'] as const;

function token(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return runCli('src/cli.ts', ['token', ...args], { CUBIT_MOCK_JWT_SECRET: '', ...env });
}

/** The token printed: exactly one line holding a JWS in compact form. */
function printed(ran: Ran): string {
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  expect(ran.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  return ran.stdout.trim();
}

const refused = (verifying: Promise<unknown>) => expect(verifying).rejects.toBeInstanceOf(ApiError);

describe('npm run token', () => {
  it('prints a token of the development secret that verifies on test and not on prod', async () => {
    const minted = printed(await token(['--subject', 'qa@example.no']));
    const verifier = await createBearerVerifier({ secret: devJwtSecret }, environments);
    await expect(verifier.verify('test', `Bearer ${minted}`)).resolves.toEqual({ subject: 'qa@example.no' });
    await refused(verifier.verify('prod', `Bearer ${minted}`));
    const claims = decodeJwt(minted);
    expect(claims).toMatchObject({ sub: 'qa@example.no', aud: 'cubit-core-test', iss: 'cubit-core-mock' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('prints a prod token of the secret in CUBIT_MOCK_JWT_SECRET, with the lifetime asked for', async () => {
    const secret = 'a-fake-jwt-secret-for-the-cli-test-only';
    const minted = printed(await token(['--subject', 'ops@example.no', '--env', 'prod', '--expires-in', '15m'], { CUBIT_MOCK_JWT_SECRET: secret }));
    const verifier = await createBearerVerifier({ secret }, environments);
    await expect(verifier.verify('prod', `Bearer ${minted}`)).resolves.toEqual({ subject: 'ops@example.no' });
    await refused(verifier.verify('test', `Bearer ${minted}`));
    await refused((await createBearerVerifier({ secret: devJwtSecret }, environments)).verify('prod', `Bearer ${minted}`));
    const claims = decodeJwt(minted);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  });

  it('takes --secret over the environment, and --audience over the environment name', async () => {
    const secret = 'a-fake-jwt-secret-given-as-an-option';
    const minted = printed(await token(['--subject', 'qa@example.no', '--secret', secret, '--audience', 'api://cubit-test'], { CUBIT_MOCK_JWT_SECRET: 'a-fake-jwt-secret-that-is-not-used' }));
    expect(decodeJwt(minted)).toMatchObject({ aud: 'api://cubit-test' });
    const verifier = await createBearerVerifier({ secret, audiences: { test: 'api://cubit-test' } }, environments);
    await expect(verifier.verify('test', `Bearer ${minted}`)).resolves.toEqual({ subject: 'qa@example.no' });
  });

  it('exits 2 with a message on a bad --expires-in, a missing --subject, an unknown option or a short secret', async () => {
    for (const lifetime of ['1y', '0s', '1.5h', 'soon', '366d']) {
      const ran = await token(['--subject', 'qa@example.no', '--expires-in', lifetime]);
      expect(ran).toMatchObject({ code: 2, stdout: '' });
      expect(ran.stderr).toContain(`--expires-in must be a whole number above 0 and s, m, h or d (such as 90s, 15m, 1h, 2d), at most 365d, got "${lifetime}"`);
    }
    const noSubject = await token(['--env', 'prod']);
    expect(noSubject).toMatchObject({ code: 2, stdout: '' });
    expect(noSubject.stderr).toContain('--subject is required');
    const unknown = await token(['--subject', 'qa@example.no', '--lifetime', '1h']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain("Unknown option '--lifetime'");
    const badEnv = await token(['--subject', 'qa@example.no', '--env', 'staging']);
    expect(badEnv.stderr).toContain('--env must be one of test, prod, got "staging"');
    const shortSecret = await token(['--subject', 'qa@example.no', '--secret', 'short']);
    expect(shortSecret).toMatchObject({ code: 2, stdout: '' });
    expect(shortSecret.stderr).toContain('HS256 needs at least 32');
  });

  it('prints its usage with --help', async () => {
    const ran = await token(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Usage: cubit-core-mock token --subject <sub> [options]');
    expect(ran.stdout).toContain('--expires-in <time>');
  });
});
