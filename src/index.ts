// The package's library entry (`import { createMockServer } from 'cubit-core-mock'`), built to dist/index.js.
export { createMockServer, MockServerError } from './library/create-mock-server.js';
export type { DataSummary, Fixtures, MockServer, MockServerKeys, MockServerOptions } from './library/create-mock-server.js';
