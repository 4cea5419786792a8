/**
 * The page's one announcer: a polite and an assertive visually hidden live region, mounted once,
 * fed through useAnnounce(). Messages are added as new lines (and dropped a while later), so two
 * messages close together are both read; the queue collapses bursts and repeats.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AnnounceQueue, type Announcement, type Politeness } from './announceQueue';

type Announce = (a: Announcement) => void;

const AnnounceContext = createContext<Announce>(() => {});

/** How long a line stays in its region (long enough to be read, short enough not to pile up). */
const KEEP_MS = 10_000;

const BROWSER_TIMERS = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as number),
};

interface Line {
  id: number;
  text: string;
}

export function Announcer({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<Record<Politeness, Line[]>>({ polite: [], assertive: [] });
  const queue = useMemo(() => {
    let next = 0;
    return new AnnounceQueue(
      (text, politeness) => {
        const line = { id: next++, text };
        setLines((l) => ({ ...l, [politeness]: [...l[politeness], line] }));
        setTimeout(() => setLines((l) => ({ ...l, [politeness]: l[politeness].filter((x) => x !== line) })), KEEP_MS);
      },
      BROWSER_TIMERS,
    );
  }, []);
  useEffect(() => () => queue.dispose(), [queue]);
  const announce = useMemo<Announce>(() => (a) => queue.push(a), [queue]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {/* Not role=status/alert: those are atomic, and would read every kept line again. */}
      <div className="sr-only" aria-live="polite" aria-relevant="additions text" data-testid="announcer-polite">
        {lines.polite.map((l) => (
          <p key={l.id}>{l.text}</p>
        ))}
      </div>
      <div className="sr-only" aria-live="assertive" aria-relevant="additions text" data-testid="announcer-assertive">
        {lines.assertive.map((l) => (
          <p key={l.id}>{l.text}</p>
        ))}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Says something to screen-reader users through the page's announcer (collapsed and de-duplicated there). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
