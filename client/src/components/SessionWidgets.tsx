/** What everyone sees of the running session: timer, closing countdown, broadcasts. */
import { useState } from 'react';
import { Icon } from './Icon';
import type { Broadcast } from '../../../shared/session';
import { CLOSE_WARNING_MS, timerRemaining } from '../../../shared/session';
import type { WorkshopMeta } from '../../../shared/views';
import { formatDuration, useServerNow } from '../net/useSession';

/** The countdown pill; red in the last minute. */
export function TimerPill({ meta, offset }: { meta: WorkshopMeta; offset: number }) {
  const running = meta.timer?.endsAt != null;
  const now = useServerNow(offset, running);
  if (!meta.timer) return null;
  const left = timerRemaining(meta.timer, now);
  const urgent = running && left <= CLOSE_WARNING_MS;
  return (
    <span className={`pill timer${urgent ? ' urgent' : ''}${running ? '' : ' paused'}`} data-testid="timer" title={running ? 'Time left' : 'Timer paused'}>
      ⏱ {formatDuration(left)}
      {!running && left > 0 ? ' (paused)' : ''}
      {left === 0 ? " — time's up" : ''}
    </span>
  );
}

/** Banner about closing: a scheduled close, the timer's automatic close, or closed. */
export function ClosingBanner({ meta, offset }: { meta: WorkshopMeta; offset: number }) {
  const { breakouts, timer } = meta;
  const autoClose = timer?.closeOnEnd && timer.endsAt !== null ? timer.endsAt : null;
  const closesAt = breakouts.closesAt ?? autoClose;
  const now = useServerNow(offset, closesAt !== null);
  if (breakouts.closed) {
    return (
      <div className="banner closed" data-testid="closed-banner">
        Breakouts are closed: drafts are read-only. The facilitator can reopen them.
      </div>
    );
  }
  if (closesAt === null) return null;
  const left = closesAt - now;
  // The timer's automatic close warns in the last minute; an explicit close counts down at once.
  if (breakouts.closesAt === null && left > CLOSE_WARNING_MS) return null;
  return (
    <div className="banner closing" data-testid="closing-banner">
      Breakouts close in <strong>{formatDuration(left)}</strong> — finish the sentence you are writing.
    </div>
  );
}

const DISMISSED_KEY = 'draftroom:dismissed-broadcasts';

function loadDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Facilitator broadcasts: banners that stay until dismissed. */
export function BroadcastBanners({ broadcasts }: { broadcasts: Broadcast[] }) {
  const [dismissed, setDismissed] = useState(loadDismissed);
  const visible = broadcasts.filter((b) => !dismissed.has(b.id));
  if (visible.length === 0) return null;
  const dismiss = (id: string) => {
    const next = new Set(dismissed).add(id);
    setDismissed(next);
    try {
      localStorage.setItem(DISMISSED_KEY, JSON.stringify([...next].slice(-100)));
    } catch {
      // storage unavailable: dismissed for this page only
    }
  };
  return (
    <div className="broadcasts">
      {visible.map((b) => (
        <div key={b.id} className="banner broadcast" data-testid="broadcast">
          <span className="banner-icon"><Icon name="megaphone" size={18} /></span>
          <span className="banner-text">{b.text}</span>
          <button className="icon-btn" aria-label="Dismiss message" onClick={() => dismiss(b.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
