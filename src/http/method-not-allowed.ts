// Tells 404 from 405: for a path that no route serves with this method, which methods would be allowed.
import { templateMatcher } from './path-template.js';

export class AllowedMethods {
  private readonly routes: { matcher: RegExp; methods: Set<string> }[] = [];

  add(template: string, method: string): void {
    let route = this.routes.find((r) => r.matcher.source === templateMatcher(template).source);
    if (!route) {
      route = { matcher: templateMatcher(template), methods: new Set() };
      this.routes.push(route);
    }
    route.methods.add(method);
    if (method === 'GET') route.methods.add('HEAD');
  }

  /** The methods allowed on this path, or undefined when no route has this path. */
  for(path: string): string[] | undefined {
    const route = this.routes.find((r) => r.matcher.test(path));
    return route ? [...route.methods].sort() : undefined;
  }
}
