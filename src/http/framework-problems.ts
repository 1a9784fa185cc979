// Fastify's own errors about a request body, as the catalogue's problems. The 415 names the media type that
// was sent, but only once it has the shape of one (`type/subtype`): anything else in the header is not repeated.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { bodyLimit } from './request-limits.js';

const mediaType = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

function unsupportedMediaType(header: string | undefined): ApiError {
  const sent = header?.split(';')[0]?.trim().toLowerCase();
  const what = sent === undefined || sent === '' ? 'The request has a body but no Content-Type' : mediaType.test(sent) ? `Content-Type ${sent} is not supported` : 'The Content-Type header is not a media type';
  return new ApiError(catalogue.unsupportedMediaType, `${what}; send the body as application/json.`);
}

/** The catalogue's problem for one of Fastify's body errors; any other error as it is. */
export function asCatalogueProblem(error: unknown, request: FastifyRequest): unknown {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(catalogue.payloadTooLarge, `The request body is larger than ${request.routeOptions.bodyLimit ?? bodyLimit} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(request.headers['content-type']);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(catalogue.badRequest, 'The request body is not as long as its Content-Length says.');
    default:
      return error;
  }
}
