/** What everyone sees of the running session: timer, broadcasts. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import type { Broadcast } from '../../../shared/session';
import { CLOSE_WARNING_MS, timerRemaining } from '../../../shared/session';
import type { WorkshopMeta } from '../../../shared/views';
import { useServerNow } from '../net/useSession';
import { formatTime } from '../i18nParts';
import { formatClock } from './StatusBanner';
import type { Phase } from '../../../shared/workshop';


/** The countdown pill; red in the last minute. */
export function TimerPill({ meta, offset }: { meta: WorkshopMeta; offset: number }) {
  const { t, i18n } = useTranslation('room');
  const running = meta.timer?.endsAt != null;
  const now = useServerNow(offset, running);
  if (!meta.timer) return null;
  const left = timerRemaining(meta.timer, now);
  const urgent = running && left <= CLOSE_WARNING_MS;
  // The end as a time of day, in the reader's language ("14:05", "2:05 PM"): the server's clock, shown in local time.
  const endsAt = meta.timer.endsAt;
  const title = endsAt != null ? t('timer.endsAt', { time: formatTime(endsAt - offset, i18n.language) }) : t('timer.paused');
  return (
    <span className={`pill timer${urgent ? ' urgent' : ''}${running ? '' : ' paused'}`} data-testid="timer" title={title}>
      <Icon name="timer" />
      {formatClock(left, i18n.language)}
      {!running && left > 0 ? ` ${t('timer.pausedSuffix')}` : ''}
      {left === 0 ? ` — ${t('timer.timesUp')}` : ''}
    </span>
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

/** Facilitator broadcasts of the current phase: banners that stay until dismissed or the phase ends. */
export function BroadcastBanners({ broadcasts, phase }: { broadcasts: Broadcast[]; phase: Phase }) {
  const { t, i18n } = useTranslation('room');
  const [dismissed, setDismissed] = useState(loadDismissed);
  const visible = broadcasts.filter((b) => !dismissed.has(b.id) && b.phase === phase);
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
          <span className="banner-text" dir="auto">
            {b.text}
          </span>
          <time className="banner-time muted small" style={{ whiteSpace: "nowrap" }} dateTime={new Date(b.at).toISOString()} title={t('broadcast.sentAt', { time: formatTime(b.at, i18n.language) })}>
            {formatTime(b.at, i18n.language)}
          </time>
          <button className="icon-btn" aria-label={t('broadcast.dismiss')} onClick={() => dismiss(b.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
