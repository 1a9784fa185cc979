// A customer's delete and the creation of installations for it, sent at once, many times: either the delete wins
// (204, and every installation is 422 unknown-customer) or an installation does (201, and the delete is 409
// customer-has-installations). Never both: no installation is left naming a customer that is gone, neither in the
// running mock nor after kill -9 and a restart.
import { createCustomer, createInstallation } from '../../../test/support/fixtures.js';
import { type Answer, call, type EnvironmentState, exportTest, problemCode } from '../http.js';
import { startMockProcess, stopMock, workdir } from '../mocks.js';
import { count, type Outcome, type Scenario } from '../scenario.js';

const races = 150;
const installationsPerRace = 3;
/** When the delete goes out: before the creations, right after them, after a 0 ms timer, after 1 ms. */
const delays = [undefined, undefined, 0, 1];

const orphansIn = (state: EnvironmentState): string[] =>
  Object.entries(state.installations ?? {})
    .filter(([, installation]) => !state.customers?.[installation.customerId as string])
    .map(([id, installation]) => `${id} names ${String(installation.customerId)}`);

export const deleteCreateRace: Scenario = {
  name: 'customer delete vs installation create',
  share: 0,
  async run(): Promise<Outcome> {
    const work = await workdir();
    let mock = await startMockProcess(work.dataFile);
    const failures: string[] = [];
    let deleteWon = 0;
    let createWon = 0;
    const orphans: string[] = [];
    try {
      for (let race = 0; race < races; race++) {
        const customerId = `RACE-${race}`;
        await call(mock.baseUrl, 'POST', '/test/customers', { body: createCustomer({ customerId }) });
        const baseUrl = mock.baseUrl;
        const sends = Array.from({ length: installationsPerRace }, (_, i) => () =>
          call(baseUrl, 'POST', '/test/installations', { body: createInstallation({ installationId: `RACE-${race}-${i}`, customerId }) }),
        );
        // A DELETE has no body, so it is handled as soon as it arrives, before POSTs sent at the same moment whose
        // bodies are still being read: sent at once, the delete always wins. So it goes out first, or after the
        // creations, or a timer tick or a millisecond later, and either side can win.
        const at = race % delays.length;
        const deleteAfter = delays[at];
        const remove = async () => {
          if (deleteAfter !== undefined) await new Promise((resolve) => setTimeout(resolve, deleteAfter));
          return call(baseUrl, 'DELETE', `/test/customers/${customerId}`);
        };
        if (at === 0) sends.unshift(remove);
        else sends.push(remove);
        const answers = (await Promise.all(sends.map((send) => send()))) as Answer[];
        const [deleted] = answers.splice(at === 0 ? 0 : installationsPerRace, 1) as [Answer];
        const created = answers.filter((a) => a.status === 201).length;
        const refused = answers.filter((a) => a.status === 422 && problemCode(a) === 'unknown-customer').length;
        if (deleted.status === 204 && refused === installationsPerRace) deleteWon++;
        else if (deleted.status === 409 && problemCode(deleted) === 'customer-has-installations' && created + refused === installationsPerRace && created > 0) createWon++;
        else failures.push(`race ${race}: delete ${deleted.status}, installations ${answers.map((a) => a.status ?? 'no answer').join(', ')}`);
      }
      orphans.push(...orphansIn(await exportTest(mock.baseUrl)));
      await stopMock(mock);
      mock = await startMockProcess(work.dataFile);
      orphans.push(...orphansIn(await exportTest(mock.baseUrl)).map((o) => `after restart: ${o}`));
      failures.push(...orphans.map((o) => `orphan installation ${o}`));
    } finally {
      await stopMock(mock);
      await work.remove();
    }
    return {
      done: `${count(races)} races of a customer's delete and ${installationsPerRace} creations of its installations, at once; kill -9, restart`,
      result: `delete first ${deleteWon}, installation first ${createWon}, other outcomes ${races - deleteWon - createWon}; orphan installations ${orphans.length}`,
      pass: failures.length === 0,
      figures: { races, installationsPerRace, deleteWon, createWon, orphans: orphans.length },
      failures,
    };
  },
};
