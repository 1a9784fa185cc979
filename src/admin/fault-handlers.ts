// The admin API's Faults operations (named by operationId): create, list, delete and reset fault rules.
import type { AdminContext, AdminHandlerMap } from './admin-handler.js';
import type { FaultRuleRequest, FaultRules } from './fault-rules.js';

export function faultHandlers(faults: FaultRules): AdminHandlerMap {
  return {
    createFaultRule({ body, adminUrl }: AdminContext) {
      const rule = faults.create(body as FaultRuleRequest);
      return Promise.resolve({ status: 201, body: rule, headers: { location: `${adminUrl()}/fault-rules/${encodeURIComponent(rule.id)}` } });
    },

    listFaultRules() {
      return Promise.resolve({ status: 200, body: faults.list() });
    },

    deleteFaultRule({ params }: AdminContext) {
      faults.delete(params.ruleId as string);
      return Promise.resolve({ status: 204 });
    },

    resetFaultRules() {
      faults.reset();
      return Promise.resolve({ status: 204 });
    },
  };
}
