/** A tiny path router: the app has four routes, not worth a dependency. */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'create' }
  | { page: 'join'; workshopId: string }
  | { page: 'facilitate'; workshopId: string }
  | { page: 'report'; workshopId: string }
  | { page: 'missing' };

/** Maps a pathname to a route. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'create' };
  const m = /^\/w\/([A-Za-z0-9_-]{1,64})(\/facilitate|\/report)?\/?$/.exec(pathname);
  if (!m) return { page: 'missing' };
  if (m[2] === '/report') return { page: 'report', workshopId: m[1]! };
  return m[2] ? { page: 'facilitate', workshopId: m[1]! } : { page: 'join', workshopId: m[1]! };
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}

/** Reads `name` from the URL fragment (`#key=…&seat=…`). */
export function fragmentParam(name: string): string | null {
  return new URLSearchParams(location.hash.slice(1)).get(name);
}
