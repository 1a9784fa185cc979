// The admin API's Data operations (named by operationId): reset, seed, export and import, over DataActions.
import { Readable } from 'node:stream';
import type { DataActions, SeedMode } from '../data-actions/data-actions.js';
import type { FixtureFile } from '../fixtures/fixture-file.js';
import type { Snapshot } from '../store/store.js';
import type { AdminContext, AdminHandlerMap, AdminResult } from './admin-handler.js';

interface ResetRequest {
  environment?: string;
  to?: 'empty' | 'default';
}

const summary = async (work: Promise<unknown>): Promise<AdminResult> => ({ status: 200, body: await work });

export function dataHandlers(data: DataActions): AdminHandlerMap {
  return {
    resetData({ body }: AdminContext) {
      const { environment, to } = (body ?? {}) as ResetRequest;
      return summary(data.reset({ environment, to }));
    },

    async seedData({ body, query }: AdminContext) {
      const fixtures: FixtureFile = body === undefined ? await data.defaultFixtures() : { file: 'the request body', environments: (body as Omit<FixtureFile, 'file'>).environments };
      return summary(data.seed(fixtures, { environment: query.environment as string | undefined, mode: query.mode as SeedMode }));
    },

    exportSnapshot({ query }: AdminContext) {
      const text = data.exportSnapshot(query.environment as string | undefined);
      return Promise.resolve({
        status: 200,
        headers: { 'content-disposition': 'attachment; filename="cubit-mock-snapshot.json"' },
        stream: Readable.from(text, { objectMode: false }),
      });
    },

    importSnapshot({ body, query }: AdminContext) {
      return summary(data.importSnapshot(body as Snapshot, { environment: query.environment as string | undefined }));
    },
  };
}
