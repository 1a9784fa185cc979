// Serialises any error to the problem+json body and headers the contract documents.
// This is the only place a problem body is built.
import { ApiError, type Violation } from './api-error.js';
import { catalogue, type ProblemType, problemTypeUri } from './catalogue.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: Violation[];
}

export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: ProblemBody;
}

/** Fastify's own errors (body parsing, limits) mapped into the catalogue. */
function fromFrameworkError(error: { code?: string; statusCode?: number; message?: string }): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(catalogue.payloadTooLarge, error.message ?? 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(catalogue.unsupportedMediaType, 'The request body must be application/json.');
    default:
      break;
  }
  return undefined;
}

export function toProblem(error: unknown, requestId: string): ProblemResponse {
  const known = error instanceof ApiError ? error : fromFrameworkError(error as object);
  const problem: ProblemType = known?.problem ?? catalogue.internalError;
  const body: ProblemBody = {
    type: problemTypeUri(problem.code),
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: known?.detail ?? 'An unexpected error occurred. Quote the request id when reporting it.',
  };
  if (known?.options.errors) body.errors = known.options.errors;
  if (problem.status >= 500) body.requestId = requestId;
  return { status: problem.status, headers: known?.options.headers ?? {}, body };
}
