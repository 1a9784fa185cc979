// Where the mock's own files are: the documents, the default fixtures, the default data file and the spec cache.
// All in this one file at the top of src/, so that the paths hold both here and in the bundle (dist/server.js),
// which sits at the same depth.
import { resolve } from 'node:path';

const file = (path: string) => new URL(`../${path}`, import.meta.url).pathname;

/** The package's own folder (where package.json, openapi/ and contract-tests/ are). */
export const packageRoot = file('');
/** The package's manifest (its version). */
export const packageManifestFile = file('package.json');
/** The QA console's built page assets (scripts/build.mjs writes them). */
export const consoleAssetsDir = file('dist/console');
/** The contract the mock serves unless told otherwise. */
export const defaultSpecFile = file('openapi/cubit-core.yaml');
/** The admin API's document. */
export const defaultAdminSpecFile = file('openapi/cubit-core-admin.yaml');
/** The default fixtures: `reset` to `default`, `seed` without a file. */
export const defaultFixturesFile = file('data/fixtures/default.json');
/**
 * The data file unless --data or CUBIT_MOCK_DATA says another: under the current directory (the checkout, where
 * npm scripts run; a project that runs the installed package), never inside the package.
 */
export const defaultDataFile = resolve('data/local/cubit-mock.json');
/** Validated specs, cached by content hash so that an unchanged spec is not validated again at every start. */
export const specCacheDir = file('node_modules/.cache/cubit-core-mock');
