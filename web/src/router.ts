import { useEffect, useState } from 'preact/hooks';

// Path routing on the History API: the server answers index.html for every non-/api path, so a
// link to /agents/1001?from=… opens that view directly.

const EVENT = 'callkpi:navigate';

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

const current = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
  href: window.location.pathname + window.location.search,
});

export function navigate(href: string, opts: { replace?: boolean } = {}): void {
  if (href === current().href) return;
  if (opts.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = (): void => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}

/** A click on an in-app link: navigate without a page load, unless the user asks for a new tab. */
export function linkClick(e: MouseEvent, href: string): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(href);
}

/** `next` from /signin?next=… only when it is a path of this site (no //evil.example). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
