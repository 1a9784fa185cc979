// The fault rules of the admin API (createFaultRule, listFaultRules, deleteFaultRule, resetFaultRules), in memory:
// which requests get a delay, an error status or a closed connection, and how often. Plain data, no HTTP; the
// request hook asks `match` for every authenticated request, so that path costs a map look-up at most.
import { ApiError, type Violation } from '../errors/api-error.js';
import { adminCatalogue, catalogue } from '../errors/catalogue.js';
import type { AppliedFault } from '../http/fault-injection.js';
import type { Operation } from '../spec/operations.js';

export type Fault =
  | { type: 'latency'; delayMs: number }
  | { type: 'latency'; minDelayMs: number; maxDelayMs: number }
  | { type: 'status'; status: number }
  | { type: 'close' };

/** A createFaultRule body, already valid against the admin document's FaultRuleRequest schema. */
export interface FaultRuleRequest {
  environment: string;
  operationId: string;
  pathParameters?: Record<string, string>;
  fault: Fault;
  times?: number;
}

/** A rule as the admin API shows it (the FaultRule schema). */
export interface FaultRule {
  id: string;
  environment: string;
  operationId: string;
  pathParameters: Record<string, string>;
  fault: Fault;
  times: number | null;
  matched: number;
  remaining: number | null;
  expired: boolean;
  createdAt: string;
}

/** What a matched request gets. */
export type { AppliedFault };

export interface FaultRulesOptions {
  /** The operations of the main document, in the order its error messages list them. */
  operations: readonly Operation[];
  /** The environments of the main document. */
  environments: readonly string[];
  now?: () => Date;
  /** A number in [0, 1), as Math.random gives, for the delays of latency faults with a range. */
  random?: () => number;
}

/** The most rules that can exist at once, expired ones included (listFaultRules' maxItems). */
export const maxFaultRules = 10_000;

interface StoredRule {
  id: string;
  environment: string;
  operationId: string;
  pathParameters: Record<string, string>;
  /** The rule's path parameters as pairs, for matching without allocating. */
  required: readonly (readonly [string, string])[];
  fault: Fault;
  times: number | null;
  matched: number;
  remaining: number | null;
  createdAt: string;
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const bucketKey = (environment: string, operationId: string): string => `${environment}\u0000${operationId}`;
const isExpired = (rule: StoredRule): boolean => rule.remaining === 0;

function copyFault(fault: Fault): Fault {
  switch (fault.type) {
    case 'latency':
      return 'delayMs' in fault ? { type: 'latency', delayMs: fault.delayMs } : { type: 'latency', minDelayMs: fault.minDelayMs, maxDelayMs: fault.maxDelayMs };
    case 'status':
      return { type: 'status', status: fault.status };
    case 'close':
      return { type: 'close' };
  }
}

function view(rule: StoredRule): FaultRule {
  return {
    id: rule.id,
    environment: rule.environment,
    operationId: rule.operationId,
    pathParameters: { ...rule.pathParameters },
    fault: copyFault(rule.fault),
    times: rule.times,
    matched: rule.matched,
    remaining: rule.remaining,
    expired: isExpired(rule),
    createdAt: rule.createdAt,
  };
}

/** The statuses a status fault may name for an operation: the error statuses it documents, as numbers. */
function errorStatuses(operation: Operation): number[] {
  // Only those it can answer: a documented body needs an example to answer with.
  return operation.answers.filter((a) => a.status >= 400 && a.status <= 599 && (a.mediaType === undefined || a.examples.length > 0)).map((a) => a.status);
}

export class FaultRules {
  private operations: ReadonlyMap<string, Operation> = new Map();
  private operationList = '';
  private readonly environments: ReadonlySet<string>;
  private readonly now: () => Date;
  private readonly random: () => number;
  /** Every rule by id, in creation order, expired ones included. */
  private readonly rules = new Map<string, StoredRule>();
  /** The rules that have not expired, by environment and operation, oldest first. */
  private readonly applicable = new Map<string, StoredRule[]>();
  private lastId = 0;

  constructor(options: FaultRulesOptions) {
    this.useOperations(options.operations);
    this.environments = new Set(options.environments);
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /**
   * The operations new rules may name, after the spec is reloaded (--watch). The rules made so far are kept as they
   * are: one naming an operation the spec no longer has matches no request.
   */
  useOperations(operations: readonly Operation[]): void {
    this.operations = new Map(operations.map((op) => [op.operationId, op]));
    this.operationList = operations.map((op) => op.operationId).join(', ');
  }

  /** Whether any rule has not expired: when not, the request hook has nothing to do. */
  get active(): boolean {
    return this.applicable.size > 0;
  }

  /**
   * Adds a rule, after the checks the FaultRuleRequest schema cannot express. Throws ApiError 400
   * (validation-failed, every violation at once) or 422 (undocumented-status). Returns the rule as created.
   */
  create(request: FaultRuleRequest): FaultRule {
    const errors: Violation[] = [];
    const problem = (pointer: string, message: string) => errors.push({ in: 'body', pointer, message });
    if (this.rules.size >= maxFaultRules) {
      problem('', `at most ${maxFaultRules} fault rules can exist; delete some (resetFaultRules)`);
    }
    if (!this.environments.has(request.environment)) {
      problem('/environment', `is not an environment of the Cubit Core API (it has ${[...this.environments].join(', ')})`);
    }
    const operation = this.operations.get(request.operationId);
    if (!operation) {
      problem('/operationId', `is not an operation of the Cubit Core API (it has ${this.operationList})`);
    }
    const pathParameters = { ...request.pathParameters };
    if (operation) {
      const names = Object.keys(operation.pathSchema.properties ?? {});
      for (const key of Object.keys(pathParameters)) {
        if (!names.includes(key)) {
          problem(`/pathParameters/${escapePointer(key)}`, `is not a path parameter of ${operation.operationId} (it has ${names.length > 0 ? names.join(', ') : 'none'})`);
        }
      }
    }
    const { fault } = request;
    if (fault.type === 'latency' && 'minDelayMs' in fault && fault.minDelayMs > fault.maxDelayMs) {
      problem('/fault/maxDelayMs', 'must not be below minDelayMs');
    }
    if (errors.length > 0) {
      const noun = errors.length === 1 ? 'violation' : 'violations';
      throw new ApiError(catalogue.validationFailed, `The request has ${errors.length} ${noun}.`, { errors });
    }
    if (operation && fault.type === 'status') {
      const documented = errorStatuses(operation);
      if (!documented.includes(fault.status)) {
        const list = documented.length > 0 ? documented.join(', ') : 'no status from 400 to 599';
        throw new ApiError(adminCatalogue.undocumentedStatus, `${operation.operationId} documents ${list}; ${fault.status} is not one of them.`);
      }
    }

    this.lastId += 1;
    const times = request.times ?? null;
    const rule: StoredRule = {
      id: `fault-${this.lastId}`,
      environment: request.environment,
      operationId: request.operationId,
      pathParameters,
      required: Object.entries(pathParameters),
      fault: copyFault(fault),
      times,
      matched: 0,
      remaining: times,
      createdAt: this.now().toISOString(),
    };
    this.rules.set(rule.id, rule);
    const key = bucketKey(rule.environment, rule.operationId);
    const bucket = this.applicable.get(key);
    if (bucket) bucket.push(rule);
    else this.applicable.set(key, [rule]);
    return view(rule);
  }

  /** Every rule in creation order, expired ones included. */
  list(): { items: FaultRule[]; total: number } {
    const items = [...this.rules.values()].map(view);
    return { items, total: items.length };
  }

  /** Removes one rule; ApiError 404 (fault-rule-not-found) when no rule has the id. */
  delete(id: string): void {
    const rule = this.rules.get(id);
    if (!rule) throw new ApiError(adminCatalogue.faultRuleNotFound, 'No fault rule with this id exists.');
    this.rules.delete(id);
    if (!isExpired(rule)) this.unindex(rule);
  }

  /** Removes every rule. Ids are not reused: the next rule gets the next number. */
  reset(): void {
    this.rules.clear();
    this.applicable.clear();
  }

  /**
   * The fault for a request, if a rule applies to it: the oldest unexpired rule of the environment and operation
   * whose path parameters all have the request's values. That rule, and only it, counts the request.
   */
  match(environment: string, operationId: string, pathParameters: Record<string, string>): AppliedFault | undefined {
    if (this.applicable.size === 0) return undefined;
    const bucket = this.applicable.get(bucketKey(environment, operationId));
    if (!bucket) return undefined;
    const rule = bucket.find((candidate) => candidate.required.every(([name, value]) => Object.hasOwn(pathParameters, name) && pathParameters[name] === value));
    if (!rule) return undefined;
    rule.matched += 1;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining === 0) this.unindex(rule);
    }
    return this.apply(rule);
  }

  private apply(rule: StoredRule): AppliedFault {
    const { fault, id: ruleId } = rule;
    switch (fault.type) {
      case 'latency': {
        if ('delayMs' in fault) return { ruleId, type: 'latency', delayMs: fault.delayMs };
        const { minDelayMs: min, maxDelayMs: max } = fault;
        return { ruleId, type: 'latency', delayMs: Math.round(min + this.random() * (max - min)) };
      }
      case 'status':
        return { ruleId, type: 'status', status: fault.status };
      case 'close':
        return { ruleId, type: 'close' };
    }
  }

  private unindex(rule: StoredRule): void {
    const key = bucketKey(rule.environment, rule.operationId);
    const bucket = this.applicable.get(key);
    if (!bucket) return;
    const at = bucket.indexOf(rule);
    if (at >= 0) bucket.splice(at, 1);
    if (bucket.length === 0) this.applicable.delete(key);
  }
}
