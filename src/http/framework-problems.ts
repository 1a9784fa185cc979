// Fastify's own errors about a request body, as the catalogue's problems. The 415 names the media type that
// was sent, but only once it has the shape of one (`type/subtype`): anything else in the header is not repeated.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { catalogue } from '../errors/catalogue.js';
import { StorageError, storageRetryAfterSeconds } from '../store/storage-error.js';
import { bodyLimit } from './request-limits.js';

const mediaType = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

function unsupportedMediaType(header: string | undefined): ApiError {
  const sent = header?.split(';')[0]?.trim().toLowerCase();
  const what = sent === undefined || sent === '' ? 'The request has a body but no Content-Type' : mediaType.test(sent) ? `Content-Type ${sent} is not supported` : 'The Content-Type header is not a media type';
  return new ApiError(catalogue.unsupportedMediaType, `${what}; send the body as application/json.`);
}

/**
 * A change the store could not keep, as the client hears of it: what happened in general words (never the
 * data file's path), that nothing of the change was kept, and whether to try again.
 */
function storageProblem(error: StorageError): ApiError {
  if (error.failure === 'read-only') return new ApiError(catalogue.readOnly, 'The mock serves its data read-only (--read-only): changes are refused, and nothing was changed.');
  if (error.failure === 'lost') {
    return new ApiError(catalogue.storageUnavailable, 'The mock no longer writes its data: another process took the data file over. Nothing of the change was kept.');
  }
  const why = error.errno === 'ENOSPC' ? 'the disk is full' : error.errno === 'EIO' ? 'the disk reported an I/O error' : 'the data could not be written';
  const seconds = error.retryAfterSeconds ?? storageRetryAfterSeconds;
  return new ApiError(catalogue.storageUnavailable, `The change could not be saved: ${why}${error.errno ? ` (${error.errno})` : ''}. Nothing of it was kept; send it again in ${seconds} seconds.`, {
    headers: { 'retry-after': String(seconds) },
  });
}

/** The catalogue's problem for one of Fastify's body errors or a storage failure; any other error as it is. */
export function asCatalogueProblem(error: unknown, request: FastifyRequest): unknown {
  if (error instanceof StorageError) return storageProblem(error);
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
