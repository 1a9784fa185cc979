// Serialises an error to the problem+json body and headers the contract documents: an ApiError as it says,
// anything else as a 500 that carries only the request id. This is the only place a problem body is built.
import { ApiError, type BlockedBy, type RefusedTransition, type Violation } from './api-error.js';
import { catalogue, type ProblemType, problemTypeUri } from './catalogue.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: Violation[];
  blockedBy?: BlockedBy;
  transition?: RefusedTransition;
}

export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: ProblemBody;
}

export function toProblem(error: unknown, requestId: string): ProblemResponse {
  const known = error instanceof ApiError ? error : undefined;
  const problem: ProblemType = known?.problem ?? catalogue.internalError;
  const body: ProblemBody = {
    type: problemTypeUri(problem.code),
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: known?.detail ?? 'An unexpected error occurred. Quote the request id when reporting it.',
  };
  if (known?.options.errors) body.errors = known.options.errors;
  if (known?.options.blockedBy) body.blockedBy = known.options.blockedBy;
  if (known?.options.transition) body.transition = known.options.transition;
  if (problem.status >= 500) body.requestId = requestId;
  return { status: problem.status, headers: known?.options.headers ?? {}, body };
}
