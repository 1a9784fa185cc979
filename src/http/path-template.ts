// OpenAPI path templates in the two forms the server needs: Fastify's route syntax and a matcher.

/** `/customers/{customerId}` → `/customers/:customerId`. */
export function toFastifyPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => `:${name}`);
}

/** A regular expression that matches concrete paths of the template, e.g. `/customers/CUST-1`. */
export function templateMatcher(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}
