/** The one status banner of a screen (issue #22): the message shared/phaseMessage.ts chose, and nothing else. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseFacts, phaseStatus, type PhaseInput, type PhaseStatus, type StatusMessage } from '../../../shared/phaseMessage';
import { formatDuration, useServerNow } from '../net/useSession';
import { withElements } from '../i18nParts';

/** m:ss (or h:mm:ss) with the digits of the reader's language. */
export function formatClock(ms: number, language: string): string {
  const digits = new Intl.NumberFormat(language, { useGrouping: false });
  return formatDuration(ms).replace(/\d+/g, (n) => digits.format(Number(n)).padStart(n.length, digits.format(0)));
}

/**
 * The status for a participant in `groupId` (null: the lobby) or, `groupId` undefined, for the
 * console; re-read every second while a close or a closing timer is ahead.
 */
export function usePhaseStatus(input: PhaseInput, groupId: string | null | undefined, offset: number): PhaseStatus {
  const ahead = input.breakouts.closesAt !== null || (input.timer?.closeOnEnd === true && input.timer.endsAt !== null);
  const now = useServerNow(offset, ahead);
  const { facts, closesAt } = phaseFacts(input, groupId, now);
  return phaseStatus(facts, closesAt);
}

interface BannerProps<K extends string> {
  message: StatusMessage<K>;
  /** The sentence for a key, with `time` (a countdown) where the message has one. */
  text: (key: K, values: { time: string }) => string;
  offset: number;
  children?: ReactNode;
}

/** One banner: tone as colour, a countdown where the message closes something. */
export function StatusBanner<K extends string>({ message, text, offset, children }: BannerProps<K>) {
  const { i18n } = useTranslation();
  const closesAt = message.params.closesAt;
  const now = useServerNow(offset, closesAt !== undefined);
  const sentence =
    closesAt === undefined
      ? text(message.key, { time: '' })
      : withElements((v) => text(message.key, v as { time: string }), { time: <strong>{formatClock(Math.max(0, closesAt - now), i18n.language)}</strong> });
  return (
    <div className={`banner status status-${message.tone}`} data-testid="status-banner" data-status={message.key}>
      {/* One flex item: the sentence wraps as a sentence around a countdown. */}
      <span className="banner-text">{sentence}</span>
      {children}
    </div>
  );
}
