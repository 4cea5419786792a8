/** Page frame: brand bar, optional right-hand content, and the page body. */
import type { ReactNode } from 'react';

export function Shell({ right, children, wide }: { right?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">D</span> Draftroom
        </a>
        <div className="topbar-right">{right}</div>
      </header>
      <main className={wide ? 'page page-wide' : 'page'}>{children}</main>
    </div>
  );
}
