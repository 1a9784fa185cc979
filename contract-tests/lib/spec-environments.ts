// The environments a base URL ends with: the values of the spec's `environment` server variable
// (servers[0].variables.environment.enum, `test` and `prod`), read from the document as written.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';

/** The environment names, in the spec's order; empty when servers[0] declares no `environment` variable. */
export async function loadEnvironments(specFile: string): Promise<string[]> {
  const document = (await SwaggerParser.parse(specFile)) as OpenAPIV3_1.Document;
  return (document.servers?.[0]?.variables?.environment?.enum ?? []).map(String);
}
