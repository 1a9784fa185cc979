// The contract as served at /openapi.json and /openapi.yaml: the document as written, but with the first
// server's URL built from the request (see request-base.ts), so that a tool that reads the served spec reaches
// this mock on whatever port and behind whatever proxy it runs. The YAML keeps its text: only the URL's
// characters are replaced, found once by the yaml package's parser (loaded on the first request for the YAML,
// so that start-up does not pay for it).
import type { OpenAPIV3_1 } from 'openapi-types';

export interface ServedSpec {
  json(base: string): OpenAPIV3_1.Document;
  yaml(base: string): Promise<string>;
}

/** The served server URL: the request's base, then the first server URL's path template (e.g. `/{environment}`). */
function serverUrl(written: string, base: string): string {
  const path = written.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  return `${base}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
}

export function servedSpec(document: OpenAPIV3_1.Document, yamlText: string): ServedSpec {
  const written = document.servers?.[0]?.url;
  let urlRange: Promise<[number, number] | undefined> | undefined;
  const findUrl = async (): Promise<[number, number] | undefined> => {
    const { isScalar, parseDocument } = await import('yaml');
    const node = parseDocument(yamlText).getIn(['servers', 0, 'url'], true);
    return isScalar(node) && node.range ? [node.range[0], node.range[1]] : undefined;
  };
  return {
    json(base) {
      if (written === undefined) return document;
      const [first, ...others] = document.servers ?? [];
      return { ...document, servers: [{ ...first, url: serverUrl(written, base) }, ...others] };
    },
    async yaml(base) {
      if (written === undefined) return yamlText;
      const range = await (urlRange ??= findUrl());
      if (!range) return yamlText;
      return `${yamlText.slice(0, range[0])}${JSON.stringify(serverUrl(written, base))}${yamlText.slice(range[1])}`;
    },
  };
}
