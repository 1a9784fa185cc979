// kill -9 at random moments while writers upsert and delete customers and installations and walk audits: after
// each restart every acknowledged write is there, nothing half done, no orphan.
import { count, type Outcome, type Scenario } from '../scenario.js';
import { signalRounds } from '../signal-rounds.js';
import { verdictFailures } from '../write-model.js';
import { describeWrites } from '../writers.js';

const writers = 6;

export const kill9: Scenario = {
  name: 'kill -9 under write load',
  share: 0.4,
  async run(context): Promise<Outcome> {
    const r = await signalRounds(context, { signal: 'SIGKILL', rounds: context.rounds, writers, writeMs: [150, 1200] });
    const refusals = Object.entries(r.stats.refused).map(([key, n]) => `${n} × ${key}`);
    const failures = [...r.failures, ...verdictFailures(r.verdict), ...refusals.map((line) => `write refused without cause: ${line}`)];
    return {
      done: `${r.rounds} rounds of ${writers} writers, SIGKILL after 0.15–1.2 s, restart, compare; ${count(r.stats.acknowledged)} writes acknowledged, ${count(r.stats.byWrite['set audit status'] ?? 0)} of them audit status changes`,
      result: `acknowledged writes lost: ${r.verdict.lost.length}; in flight at the kill: ${r.verdict.unsureApplied} applied, ${r.verdict.unsureNotApplied} not, ${r.verdict.torn.length} torn; orphans ${r.verdict.orphans.length}; ${count(r.records)} records at the end`,
      pass: failures.length === 0 && r.rounds > 0,
      figures: {
        rounds: r.rounds,
        writers,
        sent: r.stats.sent,
        acknowledged: r.stats.acknowledged,
        acknowledgedByWrite: describeWrites(r.stats),
        acknowledgedLost: r.verdict.lost.length,
        inFlightApplied: r.verdict.unsureApplied,
        inFlightNotApplied: r.verdict.unsureNotApplied,
        torn: r.verdict.torn.length,
        phantoms: r.verdict.phantoms.length,
        orphans: r.verdict.orphans.length,
        historyMismatches: r.verdict.historyMismatches.length,
        refusedWrites: refusals.length,
        records: r.records,
      },
      failures,
    };
  },
};
