// The answers an operation documents, as plain data: for each status, its media type, its named examples and
// the headers it requires (with their documented examples). The mock sends them as they are when a client asks
// for one with `Prefer: code=…` (see http/preferred-answer.ts).
import type { OpenAPIV3_1 } from 'openapi-types';

export interface DocumentedAnswer {
  status: number;
  /** The media type of the body; undefined when the answer has none. */
  mediaType: string | undefined;
  /** Example values by name, in the document's order. */
  examples: [string, unknown][];
  /** Required headers and the value each one's example gives. */
  headers: [string, string][];
}

export function documentedAnswers(op: OpenAPIV3_1.OperationObject): DocumentedAnswer[] {
  return Object.entries(op.responses ?? {})
    .filter(([status]) => /^[1-5]\d\d$/.test(status))
    .map(([status, raw]) => {
      const response = raw as OpenAPIV3_1.ResponseObject;
      const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
      const examples = Object.entries(media?.examples ?? {}).map(([name, example]): [string, unknown] => [name, (example as OpenAPIV3_1.ExampleObject).value]);
      const headers = Object.entries(response.headers ?? {})
        .filter(([, header]) => (header as OpenAPIV3_1.HeaderObject).required === true)
        .map(([name, header]): [string, string] => [name.toLowerCase(), String((header as OpenAPIV3_1.HeaderObject).example ?? '')]);
      return { status: Number(status), mediaType, examples, headers };
    });
}
