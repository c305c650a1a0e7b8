/** Path matching for the route table: exact segments and `:param` segments, no regular expressions. */
import type { Method, Route } from './types';

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  /** The path exists but not for this method: answer 405 with `Allow`. */
  | { readonly kind: 'wrong_method'; readonly allowed: readonly Method[] }
  | { readonly kind: 'not_found' };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

const split = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      params[expected.slice(1)] = value;
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((route) => ({ route, segments: split(route.path) }));
  }

  match(method: string, pathname: string): RouteMatch {
    const actual = split(pathname);
    const allowed: Method[] = [];
    for (const { route, segments } of this.routes) {
      const params = matchSegments(segments, actual);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong_method', allowed } : { kind: 'not_found' };
  }

  /** The methods served at a path (for CORS preflight); empty when the path is unknown. */
  methodsAt(pathname: string): Method[] {
    const actual = split(pathname);
    return this.routes
      .filter(({ segments }) => matchSegments(segments, actual) !== undefined)
      .map(({ route }) => route.method);
  }
}
