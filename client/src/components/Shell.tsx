/** Page frame: brand bar with the language menu, optional right-hand content, and the page body. */
import type { ReactNode } from 'react';
import { LanguageMenu } from './LanguageMenu';

export function Shell({ right, children, wide }: { right?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">D</span> Draftroom
        </a>
        <div className="topbar-right">
          {right}
          <LanguageMenu />
        </div>
      </header>
      <main className={wide ? 'page page-wide' : 'page'}>{children}</main>
    </div>
  );
}
