// The admin API's Journal operations (named by operationId): list, count and clear the request journal.
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { AdminContext, AdminHandlerMap } from './admin-handler.js';
import { filterProblems, journalFilterFromQuery, type RequestJournal } from './request-journal.js';

function filterOf(query: Record<string, unknown>) {
  const filter = journalFilterFromQuery(query);
  const problems = filterProblems(filter);
  if (problems.length > 0) {
    const noun = problems.length === 1 ? 'violation' : 'violations';
    throw new ApiError(catalogue.validationFailed, `The request has ${problems.length} ${noun}.`, { errors: problems });
  }
  return filter;
}

export function journalHandlers(journal: RequestJournal): AdminHandlerMap {
  return {
    listRequests({ query }: AdminContext) {
      const limit = query.limit as number;
      const offset = query.offset as number;
      const { items, total } = journal.list(filterOf(query), { limit, offset });
      return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
    },

    countRequests({ query }: AdminContext) {
      return Promise.resolve({ status: 200, body: { count: journal.count(filterOf(query)) } });
    },

    clearRequests() {
      journal.clear();
      return Promise.resolve({ status: 204 });
    },
  };
}
