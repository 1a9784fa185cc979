// Audits: upsert, get, delete, list, SetStatus and history. Function names are the spec's operationIds. The
// status change itself is the audit service's (src/audit/); these handlers read and answer.
import { type AuditService, auditsCollection, historyCollection, historyId } from '../audit/audit-service.js';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import type { SchemaAuditStatusChange, SchemaAuditUpsert } from '../generated/cubit-core.js';
import type { StoredRecord } from '../store/stored-record.js';
import type { HandlerMap, OperationContext, OperationResult } from './handler.js';
import { paging } from './paging.js';
import { nextVersion } from './resource-versioning.js';
import { storeUpsert } from './upsert.js';

const notFound = (): ApiError => new ApiError(catalogue.auditNotFound, 'No audit with this auditId exists in this environment.');

/** The audit's version as an entity tag, for If-Match. */
const etagOf = (audit: StoredRecord): string => `"${audit.fields().version as number}"`;

const withETag = (result: OperationResult): OperationResult => ({ ...result, headers: { ...result.headers, etag: etagOf(result.body as StoredRecord) } });

/** The subject of the bearer token; the routes of bearer-secured operations always set it. */
function subjectOf(context: OperationContext): string {
  if (context.subject === undefined) throw new Error('an audit operation ran without an authenticated subject');
  return context.subject;
}

export function auditHandlers(service: AuditService): HandlerMap {
  return {
    async upsertAudit(context) {
      const { environment, body, store, now } = context;
      const audit = body as SchemaAuditUpsert;
      if (!store.get(environment, 'installations', audit.installationId)) {
        throw new ApiError(catalogue.unknownInstallation, `No installation with id ${audit.installationId} exists in this environment; create it first.`);
      }
      const existing = store.get(environment, auditsCollection, audit.auditId);
      const stored = existing?.fields();
      const serverOwned = { status: stored?.status ?? service.table.initial, statusChangedAt: stored?.statusChangedAt ?? null };
      const next = nextVersion(stored, { ...audit }, now(), serverOwned);
      return withETag(await storeUpsert(context, { collection: auditsCollection, id: audit.auditId, existing, next }));
    },

    getAudit({ environment, params, store }) {
      const audit = store.get(environment, auditsCollection, params.auditId as string);
      if (!audit) throw notFound();
      return Promise.resolve({ status: 200, body: audit, headers: { etag: etagOf(audit) } });
    },

    async deleteAudit({ environment, params, store }) {
      const id = params.auditId as string;
      if (!store.get(environment, auditsCollection, id)) throw notFound();
      // The audit and its history go together; its entries are numbered from 1.
      const entries = store.count(environment, historyCollection, { auditId: id });
      const history = Array.from({ length: entries }, (_, index) => ({ environment, collection: historyCollection, id: historyId(id, index + 1), fields: null }));
      await store.transact([{ environment, collection: auditsCollection, id, fields: null }, ...history]);
      return { status: 204 };
    },

    listAudits({ environment, query, store }) {
      const { offset, limit } = paging(query);
      const installationId = query.installationId as string | undefined;
      const where = installationId === undefined ? undefined : { installationId };
      const { items, total } = store.list(environment, auditsCollection, { where, offset, limit });
      return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
    },

    async setAuditStatus(context) {
      const { environment, params, body, now, store } = context;
      const { status, comment } = body as SchemaAuditStatusChange;
      const ifMatch = context.header('if-match');
      if (ifMatch !== undefined && !/^(\*|"[1-9][0-9]{0,14}")$/.test(ifMatch)) {
        throw new ApiError(catalogue.validationFailed, 'The request has 1 violation.', {
          errors: [{ in: 'header', pointer: '/If-Match', message: 'must be the audit\'s ETag ("<version>", as getAudit answers it) or *' }],
        });
      }
      const audit = await service.setStatus(store, { environment, auditId: params.auditId as string, status, comment, changedBy: subjectOf(context), ifMatch, now: now() });
      return { status: 200, body: audit, headers: { etag: etagOf(audit) } };
    },

    getAuditHistory({ environment, params, query, store }) {
      const auditId = params.auditId as string;
      if (!store.get(environment, auditsCollection, auditId)) throw notFound();
      const { offset, limit } = paging(query);
      const { items, total } = store.list(environment, historyCollection, { where: { auditId }, offset, limit });
      return Promise.resolve({ status: 200, body: { items, total, limit, offset } });
    },
  };
}
