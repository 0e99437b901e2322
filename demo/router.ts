// Addresses: the gallery at /demo/, a photo's profile at /demo/photos/<upload id>. History API
// routes, so back, forward, reload and a shared link all work; the server answers every profile
// address with the gallery's page (demo/site-plugin.ts).

export const GALLERY_PATH = '/demo/';
const PROFILE_PREFIX = `${GALLERY_PATH}photos/`;

export type Route = { view: 'gallery' } | { view: 'profile'; id: string };

export function profilePath(id: string): string {
  return `${PROFILE_PREFIX}${encodeURIComponent(id)}`;
}

export function currentRoute(): Route {
  const path = location.pathname;
  if (path.startsWith(PROFILE_PREFIX)) {
    const id = decodeURIComponent(path.slice(PROFILE_PREFIX.length).replace(/\/$/, ''));
    if (id) return { view: 'profile', id };
  }
  return { view: 'gallery' };
}

/**
 * Follows the page's own links (`data-route`) without a page load, and back and forward. `show`
 * is called for every route change, `moved` true when the user went somewhere (focus then moves).
 */
export function startRouter(show: (route: Route, moved: boolean) => void): {
  go: (path: string, options?: { replace?: boolean }) => void;
} {
  const go = (path: string, { replace = false } = {}) => {
    if (replace) history.replaceState(null, '', path);
    else if (path !== location.pathname) history.pushState(null, '', path);
    show(currentRoute(), true);
  };
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-route]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(new URL(link.href).pathname);
  });
  addEventListener('popstate', () => show(currentRoute(), true));
  show(currentRoute(), false);
  return { go };
}
