// Entry point of dist/server.js: serves the mock with this process's arguments and environment (src/serve.ts).
// `cubit-core-mock start` does the same through the command line (src/cli/cli.ts).
import { serve } from './serve.js';

await serve(process.argv.slice(2), process.env);
