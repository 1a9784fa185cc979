// A data command on the data file itself, while no mock runs: it opens the file as the mock would (taking its
// lock, so that no mock can start on it meanwhile, and recovering the journal), does its work as one batch, and
// closes the file in its compact form.
import { DataActions } from '../data-actions/data-actions.js';
import { collections, indexedFields } from '../handlers/collections.js';
import { defaultSpecFile, specCacheDir } from '../project-files.js';
import { loadSpec } from '../spec/load-spec.js';
import { createStore } from '../store/create-store.js';
import { JournaledPersistence } from '../store/journaled-persistence.js';

export interface OpenedData {
  actions: DataActions;
  close(): Promise<void>;
}

export async function openDataFile(dataFile: string, holder: string): Promise<OpenedData> {
  const spec = await loadSpec(defaultSpecFile, { cacheDir: specCacheDir });
  const persistence = new JournaledPersistence(dataFile, { holder });
  const store = await createStore({ environments: spec.environments, collections, indexedFields, persistence });
  return { actions: new DataActions({ spec, store, now: () => new Date() }), close: () => store.close() };
}
