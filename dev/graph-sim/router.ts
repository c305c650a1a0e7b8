/**
 * Matches a Graph path against route templates (`/me/messages/{id}/send`): literal segments ignore case,
 * `{…}` captures one segment. No route for the path is Graph's 400 "Resource not found for the segment";
 * a route without the method is a 405.
 */
import { graphErrors } from './errors';
import type { GraphRequest, GraphResponse, Route } from './context';

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
}

const compile = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split('/')
      .map((segment) =>
        /^\{\w+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/')}/?$`,
    'i',
  );

export class Router {
  private readonly routes: readonly CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((route) => ({ route, pattern: compile(route.template) }));
  }

  async dispatch(request: GraphRequest): Promise<GraphResponse> {
    let pathMatched = false;
    for (const { route, pattern } of this.routes) {
      const match = pattern.exec(request.path);
      if (match === null) continue;
      pathMatched = true;
      if (route.method !== request.method.toUpperCase()) continue;
      return route.handler(request, match.slice(1));
    }
    if (pathMatched) throw graphErrors.methodNotAllowed();
    const segments = request.path.split('/').filter((segment) => segment !== '');
    throw graphErrors.segmentNotFound(segments[segments.length - 1] ?? '');
  }
}
