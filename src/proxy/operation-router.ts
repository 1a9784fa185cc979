// Which operation of the spec a request is for, as the mock routes it: the first path segment names the
// environment (the spec's `environment` server variable), the rest matches one operation's path template, and
// HEAD is served by GET. Tells apart a path under no environment, a path no operation has, and a method the path
// lacks (with the methods it has), and hands back the path parameters as they arrived (still percent-encoded).
import { templateMatcher } from '../http/path-template.js';
import type { Operation } from '../spec/operations.js';

export type Route =
  | { kind: 'operation'; environment: string; operation: Operation; rawParams: Record<string, string>; relativePath: string }
  | { kind: 'method-not-allowed'; environment: string; allowed: string[]; relativePath: string }
  | { kind: 'no-operation'; environment: string; relativePath: string }
  | { kind: 'no-environment' };

interface Template {
  matcher: RegExp;
  /** Parameter names by path segment index. */
  parameters: [number, string][];
  /** Literal segments: a template with more of them wins over one with parameters in their place. */
  literals: number;
  operations: Map<string, Operation>;
}

function compile(operations: Operation[]): Template[] {
  const templates = new Map<string, Template>();
  for (const operation of operations) {
    let template = templates.get(operation.path);
    if (!template) {
      const segments = operation.path.split('/');
      const parameters = segments.flatMap((segment, index): [number, string][] => {
        const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
        return name === undefined ? [] : [[index, name]];
      });
      template = { matcher: templateMatcher(operation.path), parameters, literals: segments.length - parameters.length, operations: new Map() };
      templates.set(operation.path, template);
    }
    template.operations.set(operation.method, operation);
  }
  return [...templates.values()].sort((a, b) => b.literals - a.literals);
}

export function operationRouter(environments: readonly string[], operations: Operation[]): (method: string, rawPath: string) => Route {
  const templates = compile(operations);
  return (method, rawPath) => {
    const match = /^\/([^/]*)(\/.*)?$/.exec(rawPath);
    const environment = match?.[1];
    const relativePath = match?.[2] ?? '';
    if (environment === undefined || !environments.includes(environment)) return { kind: 'no-environment' };
    const template = templates.find((t) => t.matcher.test(relativePath));
    if (!template) return { kind: 'no-operation', environment, relativePath };
    const operation = template.operations.get(method === 'HEAD' ? 'GET' : method);
    if (!operation) {
      const allowed = [...template.operations.keys()];
      if (allowed.includes('GET')) allowed.push('HEAD');
      return { kind: 'method-not-allowed', environment, allowed: allowed.sort(), relativePath };
    }
    const segments = relativePath.split('/');
    const rawParams = Object.fromEntries(template.parameters.map(([index, name]) => [name, segments[index] ?? '']));
    return { kind: 'operation', environment, operation, rawParams, relativePath };
  };
}
