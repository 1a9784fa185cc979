// What QA does to the stored data: seed fixtures, reset, export and import snapshots, for one environment or
// all. The admin API and the offline command line both call these, on a store they own; nothing here knows
// HTTP. Every write is one store batch: all-or-nothing, and durable when its promise resolves.
import { performance } from 'node:perf_hooks';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { checkFixtures, collectionRules } from '../fixtures/check-fixtures.js';
import { type FixtureFile, readFixtureFile } from '../fixtures/fixture-file.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { defaultFixturesFile } from '../project-files.js';
import { snapshotText } from '../store/snapshot-file.js';
import type { Batch, Snapshot, Store } from '../store/store.js';
import { fixtureBatch } from './fixture-batch.js';
import { invalidFixtures } from './fixture-problems.js';
import { snapshotFixtures } from './snapshot-fixtures.js';


/** What each environment a change touched holds after it (the admin document's DataSummary). */
export interface DataSummary {
  environments: Record<string, Record<string, number>>;
  durationMs: number;
}

export type SeedMode = 'replace' | 'merge';

export interface DataActionsOptions {
  spec: LoadedSpec;
  store: Store;
  now: () => Date;
  /** The default fixtures (`reset` to `default`, `seed` without a file). */
  defaultFixtures?: string;
  /** Told after every change: an import may bring outbox messages still to be delivered. */
  changed?: () => void;
}

export class DataActions {
  constructor(private readonly options: DataActionsOptions) {}

  private async commit(batch: Batch): Promise<void> {
    await this.options.store.commitBatch(batch);
    this.options.changed?.();
  }

  private environmentsOf(environment: string | undefined): string[] {
    const { environments } = this.options.spec;
    if (environment !== undefined && !environments.includes(environment)) {
      throw new ApiError(catalogue.validationFailed, 'The request has 1 violation.', {
        errors: [{ in: 'query', pointer: '/environment', message: `must be one of: ${environments.join(', ')}` }],
      });
    }
    return environment === undefined ? environments : [environment];
  }

  /** The counts of every collection of these environments. */
  summary(environments: string[], started: number): DataSummary {
    const counts: DataSummary['environments'] = {};
    const collections = collectionRules(this.options.spec).filter((rule) => !rule.kept).map((rule) => rule.name);
    for (const environment of environments) {
      counts[environment] = Object.fromEntries(collections.map((collection) => [collection, this.options.store.count(environment, collection, {})]));
    }
    return { environments: counts, durationMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** The default fixtures, read anew each time so that QA's edits to the file apply without a restart. */
  defaultFixtures(): Promise<FixtureFile> {
    return readFixtureFile(this.options.defaultFixtures ?? defaultFixturesFile);
  }

  /** Loads fixtures, only `environment`'s when given; `replace` empties each seeded environment first. */
  async seed(fixtures: FixtureFile, options: { environment?: string; mode?: SeedMode } = {}): Promise<DataSummary> {
    const started = performance.now();
    const environments = this.environmentsOf(options.environment);
    const chosen: FixtureFile = { file: fixtures.file, environments: {} };
    for (const [environment, collections] of Object.entries(fixtures.environments)) {
      if (options.environment === undefined || environment === options.environment) chosen.environments[environment] = collections;
    }
    const merge = options.mode === 'merge';
    const { spec, store } = this.options;
    const problems = checkFixtures(spec, chosen, merge ? { stored: (environment, collection, id) => store.get(environment, collection, id) !== undefined } : {});
    if (problems.length > 0) throw invalidFixtures(problems);
    const seeded = Object.keys(chosen.environments);
    const batch = fixtureBatch(chosen, collectionRules(spec), store, { replace: merge ? [] : seeded, merge, now: this.options.now() });
    await this.commit(batch);
    return this.summary(options.environment === undefined ? seeded : environments, started);
  }

  /** Empties one environment or all; `default` then loads the default fixtures into them. */
  async reset(options: { environment?: string; to?: 'empty' | 'default' } = {}): Promise<DataSummary> {
    const started = performance.now();
    const environments = this.environmentsOf(options.environment);
    const fixtures: FixtureFile = options.to === 'default' ? await this.defaultFixtures() : { file: 'no fixtures', environments: {} };
    const chosen: FixtureFile = { file: fixtures.file, environments: {} };
    for (const environment of environments) chosen.environments[environment] = fixtures.environments[environment] ?? {};
    const problems = checkFixtures(this.options.spec, chosen);
    if (problems.length > 0) throw invalidFixtures(problems);
    await this.commit(fixtureBatch(chosen, collectionRules(this.options.spec), this.options.store, { replace: environments, merge: false, now: this.options.now() }));
    return this.summary(environments, started);
  }

  /** The text of a snapshot of one environment or all, in pieces: every record as stored, by id. */
  exportSnapshot(environment?: string): Generator<string> {
    return snapshotText(undefined, this.options.store.capture(this.environmentsOf(environment)));
  }

  /** Replaces each environment of the snapshot (only `environment` when given) with the snapshot's records. */
  async importSnapshot(snapshot: Snapshot, options: { environment?: string; file?: string } = {}): Promise<DataSummary> {
    const started = performance.now();
    this.environmentsOf(options.environment);
    const { fixtures, keys, keyProblems } = snapshotFixtures(snapshot, collectionRules(this.options.spec), options);
    const problems = [...keyProblems, ...checkFixtures(this.options.spec, fixtures, { snapshot: true })];
    if (problems.length > 0) throw invalidFixtures(problems, keys);
    const imported = Object.keys(fixtures.environments);
    await this.commit(fixtureBatch(fixtures, collectionRules(this.options.spec), this.options.store, { replace: imported, merge: false, now: this.options.now() }));
    return this.summary(imported, started);
  }
}
