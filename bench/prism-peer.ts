// Prism's mock of the same spec, as a peer: started when installed and asked for; if it cannot be installed
// or started, the benchmark says so and goes on without it.
import type { BenchOptions } from './options.js';
import type { PrismStatus } from './report.js';
import { prismCli, prismKind, type Server, startServer } from './servers.js';

export async function startPrismPeer(options: BenchOptions, log: (line: string) => void): Promise<{ server?: Server; status: PrismStatus }> {
  if (!options.prism) return { status: { status: 'skipped', reason: options.quick ? '--quick' : '--no-prism' } };
  const cli = prismCli();
  if (!cli) return { status: { status: 'skipped', reason: '@stoplight/prism-cli is not installed' } };
  try {
    const server = await startServer(prismKind(cli, options.prismLogLevel));
    return { server, status: { status: 'measured', logLevel: options.prismLogLevel, startupMs: server.startupMs } };
  } catch (error) {
    const reason = `Prism did not start: ${(error as Error).message.split('\n')[0]}`;
    log(reason);
    return { status: { status: 'failed', reason } };
  }
}
