// What a 404 for an unknown path says, so that the most common mistakes explain themselves: a path without
// its environment (`/customers` for `/test/customers`), or a wrong environment. It names only the spec's own
// paths and environments, never the path that was asked for.
import { templateMatcher } from './path-template.js';

export function notFoundHint(environments: readonly string[], templates: readonly string[]): (path: string) => string {
  const matchers = templates.map((template) => ({ template, matcher: templateMatcher(template) }));
  const roots = environments.map((environment) => `/${environment}`).join(' and ');
  const example = templates[0] ? ` (for example /${environments[0] ?? ''}${templates[0]})` : '';
  const general = `No operation is served at this path. The API is served under ${roots}${example}; the contract is at /openapi.yaml and its documentation at /docs.`;
  return (path) => {
    const withoutEnvironment = matchers.find(({ matcher }) => matcher.test(path));
    if (withoutEnvironment) {
      const served = environments.map((environment) => `/${environment}${withoutEnvironment.template}`).join(' or ');
      return `No operation is served at this path: the path lacks its environment. It is served as ${served}.`;
    }
    const environment = path.split('/')[1] ?? '';
    const rest = path.slice(environment.length + 1);
    const otherEnvironment = !environments.includes(environment) && matchers.some(({ matcher }) => matcher.test(rest));
    if (otherEnvironment) return `No environment of that name is served: the environments are ${roots}.`;
    return general;
  };
}
