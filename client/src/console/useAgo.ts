/** "just now", "3 min ago", "2 h ago" in the reader's language (the radar and the help queue). */
import { useTranslation } from 'react-i18next';

export function useAgo(): (at: number | null, now: number) => string {
  const { t } = useTranslation('console');
  return (at, now) => {
    if (at === null) return t('ago.never');
    const s = Math.max(0, Math.round((now - at) / 1000));
    if (s < 45) return t('ago.justNow');
    if (s < 3600) return t('ago.minutes', { count: Math.round(s / 60) });
    return t('ago.hours', { count: Math.round(s / 3600) });
  };
}
