/** Participant entry: seat from the link or storage, else a name form; then the participant's room. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits';
import type { WorkshopInfo } from '../../../shared/views';
import { Shell } from '../components/Shell';
import { useWorkshopLanguage } from '../i18n';
import { api } from '../net/api';
import { fragmentParam } from '../router';
import { forgetSeat, loadSeat, saveSeat } from '../storage';
import { GonePage } from './GonePage';
import { ParticipantRoom, type SeatLost } from './ParticipantRoom';

/** Takes a seat token out of the URL fragment into storage, so it does not linger in the address bar. */
function adoptSeatFromLink(workshopId: string): string | null {
  const fromLink = fragmentParam('seat');
  if (fromLink) {
    saveSeat(workshopId, fromLink);
    history.replaceState(null, '', location.pathname);
  }
  return loadSeat(workshopId);
}

export function JoinPage({ workshopId }: { workshopId: string }) {
  const [seatToken, setSeatToken] = useState<string | null>(() => adoptSeatFromLink(workshopId));
  const [info, setInfo] = useState<WorkshopInfo | null>(null);
  const [gone, setGone] = useState(false);
  const [notice, setNotice] = useState<SeatLost | null>(null);
  // The join page speaks the workshop's language (unless this person chose one); the room does the same.
  useWorkshopLanguage(info?.language);

  useEffect(() => {
    void api.workshopInfo(workshopId).then((r) => {
      if (r.ok) setInfo(r.data);
      else if (r.error.code === 'not_found') setGone(true);
    });
  }, [workshopId]);

  if (gone) return <GonePage />;
  if (seatToken) {
    return (
      <ParticipantRoom
        workshopId={workshopId}
        seatToken={seatToken}
        onGone={() => setGone(true)}
        onSeatLost={(why) => {
          forgetSeat(workshopId);
          setSeatToken(null);
          setNotice(why);
        }}
      />
    );
  }
  return (
    <NameForm
      workshopId={workshopId}
      info={info}
      notice={notice}
      onJoined={(token) => {
        saveSeat(workshopId, token);
        setSeatToken(token);
      }}
      onGone={() => setGone(true)}
    />
  );
}

function NameForm(props: {
  workshopId: string;
  info: WorkshopInfo | null;
  notice: SeatLost | null;
  onJoined: (token: string) => void;
  onGone: () => void;
}) {
  const { t } = useTranslation('join');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ended = props.info?.phase === 'ended';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.join(props.workshopId, name);
    setBusy(false);
    if (result.ok) props.onJoined(result.data.seatToken);
    else if (result.error.code === 'not_found') props.onGone();
    else setError(result.error.message);
  };

  return (
    <Shell>
      <form className="card narrow" onSubmit={submit} aria-label={t('formLabel')}>
        <p className="eyebrow">{t('invited')}</p>
        <h1 data-testid="workshop-title" dir="auto">{props.info?.title ?? '…'}</h1>
        {props.notice && <p className="notice">{t(props.notice === 'removed' ? 'removed' : 'invalidSeat')}</p>}
        {ended ? (
          <p className="muted">{t('ended')}</p>
        ) : (
          <>
            <label className="field">
              <span>{t('name')}</span>
              <input
                name="name"
                value={name}
                maxLength={LIMITS.nameMaxLength}
                required
                autoFocus
                autoComplete="name"
                placeholder={t('namePlaceholder')}
                dir="auto"
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <p className="muted small">{t('noAccount')}</p>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button className="btn btn-primary btn-block" type="submit" disabled={busy || name.trim() === ''}>
              {busy ? t('joining') : t('submit')}
            </button>
          </>
        )}
      </form>
    </Shell>
  );
}
