// The one catalogue of errors the mock answers with. Each entry is a problem type (RFC 9457):
// its code is the `code` member and the last part of the `type` URN; its title never varies.
// Keep in step with the `code` enum of the Problem schema in openapi/cubit-core.yaml (a test checks it).

export const catalogue = {
  validationFailed: { code: 'validation-failed', status: 400, title: 'Request validation failed' },
  malformedJson: { code: 'malformed-json', status: 400, title: 'Malformed JSON body' },
  malformedUrl: { code: 'malformed-url', status: 400, title: 'Malformed URL' },
  badRequest: { code: 'bad-request', status: 400, title: 'Bad request' },
  unauthorized: { code: 'unauthorized', status: 401, title: 'Unauthorized' },
  notFound: { code: 'not-found', status: 404, title: 'Not found' },
  customerNotFound: { code: 'customer-not-found', status: 404, title: 'Customer not found' },
  installationNotFound: { code: 'installation-not-found', status: 404, title: 'Installation not found' },
  auditNotFound: { code: 'audit-not-found', status: 404, title: 'Audit not found' },
  methodNotAllowed: { code: 'method-not-allowed', status: 405, title: 'Method not allowed' },
  customerHasInstallations: { code: 'customer-has-installations', status: 409, title: 'Customer has installations' },
  installationHasAudits: { code: 'installation-has-audits', status: 409, title: 'Installation has audits' },
  transitionNotAllowed: { code: 'transition-not-allowed', status: 409, title: 'Transition not allowed' },
  versionMismatch: { code: 'version-mismatch', status: 412, title: 'Version mismatch' },
  unknownCustomer: { code: 'unknown-customer', status: 422, title: 'Unknown customer' },
  unknownInstallation: { code: 'unknown-installation', status: 422, title: 'Unknown installation' },
  requestTimeout: { code: 'request-timeout', status: 408, title: 'Request timeout' },
  payloadTooLarge: { code: 'payload-too-large', status: 413, title: 'Payload too large' },
  uriTooLong: { code: 'uri-too-long', status: 414, title: 'URI too long' },
  unsupportedMediaType: { code: 'unsupported-media-type', status: 415, title: 'Unsupported media type' },
  tooManyAuthFailures: { code: 'too-many-auth-failures', status: 429, title: 'Too many failed authentications' },
  headersTooLarge: { code: 'headers-too-large', status: 431, title: 'Request header fields too large' },
  internalError: { code: 'internal-error', status: 500, title: 'Internal server error' },
  serviceUnavailable: { code: 'service-unavailable', status: 503, title: 'Service unavailable' },
  storageUnavailable: { code: 'storage-unavailable', status: 503, title: 'Storage unavailable' },
  readOnly: { code: 'read-only', status: 503, title: 'Read-only' },
} as const satisfies Record<string, ProblemType>;

/**
 * The problem types only the admin API (openapi/cubit-core-admin.yaml) answers with; its Problem schema's `code`
 * enum lists these and the main catalogue's codes it shares (a test checks it).
 */
export const adminCatalogue = {
  invalidFixtures: { code: 'invalid-fixtures', status: 422, title: 'Invalid fixtures' },
  faultRuleNotFound: { code: 'fault-rule-not-found', status: 404, title: 'Fault rule not found' },
  undocumentedStatus: { code: 'undocumented-status', status: 422, title: 'Undocumented status' },
  messageNotFound: { code: 'message-not-found', status: 404, title: 'Message not found' },
  notDeadLettered: { code: 'not-dead-lettered', status: 409, title: 'Message not dead-lettered' },
} as const satisfies Record<string, ProblemType>;

export interface ProblemType {
  code: string;
  status: number;
  title: string;
}

export const problemTypeUri = (code: string): string => `urn:cubit:problem:${code}`;
