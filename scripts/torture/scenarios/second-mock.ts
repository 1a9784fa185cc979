// A second mock started on the data file a running mock holds is refused (exit code 1, naming the other mock),
// and the first goes on writing as if nothing happened.
import { createCustomer } from '../../../test/support/fixtures.js';
import { runServer } from '../../../test/support/spawn-mock.js';
import { call, exportTest } from '../http.js';
import { mockEnv, startMockProcess, stopMock, workdir } from '../mocks.js';
import type { Outcome, Scenario } from '../scenario.js';

const attempts = 3;

export const secondMock: Scenario = {
  name: 'second mock on the same data',
  share: 0,
  async run(): Promise<Outcome> {
    const work = await workdir();
    const first = await startMockProcess(work.dataFile);
    const failures: string[] = [];
    let refused = 0;
    let firstWrites = 0;
    try {
      for (let attempt = 0; attempt < attempts; attempt++) {
        if ((await call(first.baseUrl, 'POST', '/test/customers', { body: createCustomer({ customerId: `FIRST-${attempt}` }) })).status === 201) firstWrites++;
        const second = runServer(['--host', '127.0.0.1', '--port', '0', '--data', work.dataFile], mockEnv);
        const timer = setTimeout(() => second.child.kill('SIGKILL'), 20_000);
        const exit = await second.exited;
        clearTimeout(timer);
        if (exit === 1 && /in use by another mock \(process \d+\)/.test(second.stderr())) refused++;
        else failures.push(`attempt ${attempt + 1}: the second mock ended with ${exit}${/listening/.test(second.stdout()) ? ' after listening' : ''}, without refusing the data file in use`);
        if ((await call(first.baseUrl, 'POST', '/test/customers', { body: createCustomer({ customerId: `FIRST-AFTER-${attempt}` }) })).status === 201) firstWrites++;
      }
      const stored = Object.keys((await exportTest(first.baseUrl)).customers ?? {}).length;
      if (stored !== attempts * 2) failures.push(`the first mock holds ${stored} customers, not ${attempts * 2}`);
      if (firstWrites !== attempts * 2) failures.push(`the first mock acknowledged ${firstWrites} of ${attempts * 2} writes`);
    } finally {
      await stopMock(first);
      await work.remove();
    }
    return {
      done: `${attempts} starts of a second mock on the data file a running mock holds, with writes to the first before and after each`,
      result: `${refused}/${attempts} refused (exit code 1, naming the other mock's process); the first acknowledged ${firstWrites}/${attempts * 2} writes around them`,
      pass: failures.length === 0,
      figures: { attempts, refused, firstWrites },
      failures,
    };
  },
};
