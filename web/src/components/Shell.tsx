import type { ComponentChildren } from 'preact';
import { useLocation } from '../router';
import { Boundary } from './Boundary';
import { Sidebar } from './Sidebar';
import { Topbar } from './Topbar';

export function Shell({ children }: { children: ComponentChildren }) {
  // A new path starts with a fresh boundary: a crash on one page does not follow to the next.
  const { path } = useLocation();
  return (
    <div class="shell">
      <Sidebar />
      <div class="main">
        <Topbar />
        <main class="content">
          <Boundary key={path}>{children}</Boundary>
        </main>
      </div>
    </div>
  );
}
