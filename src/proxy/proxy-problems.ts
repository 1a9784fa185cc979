// The answers the proxy gives itself, as application/problem+json built by the mock's one problem serialiser
// (errors/problem.ts): strict mode's 400 `validation-failed` with the mock's `errors` list, the main catalogue's
// 413 for a body over the proxy's bound, and the proxy's own gateway problems, which belong to the proxy and not
// to the contract, so they are kept here and out of the spec's catalogue.
import { ApiError, type Violation } from '../errors/api-error.js';
import { catalogue, type ProblemType } from '../errors/catalogue.js';
import { type ProblemResponse, toProblem } from '../errors/problem.js';
import type { UpstreamFailure } from './upstream.js';

/** Problem types only the validation proxy answers with (502 and 504 are no status of the contract). */
export const proxyCatalogue = {
  upstreamUnreachable: { code: 'upstream-unreachable', status: 502, title: 'Upstream unreachable' },
  upstreamAnswerTooLarge: { code: 'upstream-answer-too-large', status: 502, title: 'Upstream answer too large' },
  upstreamTimeout: { code: 'upstream-timeout', status: 504, title: 'Upstream timeout' },
} as const satisfies Record<string, ProblemType>;

const upstreamProblems: Record<UpstreamFailure, ProblemType> = {
  unreachable: proxyCatalogue.upstreamUnreachable,
  'too-large': proxyCatalogue.upstreamAnswerTooLarge,
  timeout: proxyCatalogue.upstreamTimeout,
};

export function refusedRequest(errors: Violation[], requestId: string): ProblemResponse {
  const noun = errors.length === 1 ? 'violation' : 'violations';
  const detail = `The request has ${errors.length} ${noun} of the contract; the validation proxy did not forward it.`;
  return toProblem(new ApiError(catalogue.validationFailed, detail, { errors: errors.slice(0, 100) }), requestId);
}

export function upstreamProblem(failure: UpstreamFailure, reason: string, requestId: string): ProblemResponse {
  return toProblem(new ApiError(upstreamProblems[failure], `The validation proxy got no usable answer: ${reason}.`), requestId);
}

export function requestTooLarge(limit: number, requestId: string): ProblemResponse {
  return toProblem(new ApiError(catalogue.payloadTooLarge, `The request body is larger than the validation proxy's limit of ${limit} bytes; it was not forwarded.`), requestId);
}

export function proxyFailure(requestId: string): ProblemResponse {
  return toProblem(new Error('unexpected'), requestId);
}
