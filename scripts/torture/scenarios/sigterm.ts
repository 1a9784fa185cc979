// SIGTERM at random moments under write load: the mock answers what it took, refuses the rest with 503
// service-unavailable, ends with exit code 0, and after a restart every acknowledged write is there.
import { count, type Outcome, type Scenario } from '../scenario.js';
import { signalRounds } from '../signal-rounds.js';
import { verdictFailures } from '../write-model.js';
import { describeWrites } from '../writers.js';

const writers = 6;
/** A graceful stop that takes longer than this is reported (it waits for pending writes, not for idle clients). */
const stopLimitMs = 10_000;

export const sigterm: Scenario = {
  name: 'SIGTERM bursts under write load',
  share: 0.2,
  async run(context): Promise<Outcome> {
    const r = await signalRounds(context, { signal: 'SIGTERM', rounds: Math.max(1, Math.ceil(context.rounds / 2)), writers, writeMs: [150, 1200] });
    const closing = r.stats.refused['503 service-unavailable'] ?? 0;
    const other = Object.entries(r.stats.refused).filter(([key]) => key !== '503 service-unavailable');
    const badExits = r.exits.map((exit, round) => ({ exit, round })).filter(({ exit }) => exit !== 0);
    const slow = r.stopMs.filter((ms) => ms > stopLimitMs);
    const failures = [
      ...r.failures,
      ...verdictFailures(r.verdict),
      ...other.map(([key, n]) => `write refused without cause: ${n} × ${key}`),
      ...badExits.map(({ exit, round }) => `round ${round + 1}: the mock ended with ${exit}, not exit code 0`),
      ...slow.map((ms) => `a graceful stop took ${ms} ms`),
    ];
    return {
      done: `${r.rounds} rounds of ${writers} writers, SIGTERM after 0.15–1.2 s, restart, compare; ${count(r.stats.acknowledged)} writes acknowledged, ${count(r.stats.byWrite['set audit status'] ?? 0)} of them audit status changes`,
      result: `acknowledged writes lost: ${r.verdict.lost.length}; exit code 0 in ${r.exits.length - badExits.length}/${r.exits.length}, stopped in ≤ ${Math.max(0, ...r.stopMs)} ms; ${closing} refused 503 while closing; unanswered ${r.stats.unacknowledged} (${r.verdict.unsureApplied} applied)`,
      pass: failures.length === 0 && r.rounds > 0,
      figures: {
        rounds: r.rounds,
        writers,
        acknowledged: r.stats.acknowledged,
        acknowledgedByWrite: describeWrites(r.stats),
        acknowledgedLost: r.verdict.lost.length,
        refusedWhileClosing: closing,
        unanswered: r.stats.unacknowledged,
        unansweredApplied: r.verdict.unsureApplied,
        torn: r.verdict.torn.length,
        orphans: r.verdict.orphans.length,
        cleanExits: r.exits.length - badExits.length,
        slowestStopMs: Math.max(0, ...r.stopMs),
      },
      failures,
    };
  },
};
