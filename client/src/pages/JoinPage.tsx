/** Participant entry: seat from the link or storage, else a name form; then the participant's room. */
import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { WorkshopInfo } from '../../../shared/views';
import { Shell } from '../components/Shell';
import { api } from '../net/api';
import { fragmentParam } from '../router';
import { forgetSeat, loadSeat, saveSeat } from '../storage';
import { GonePage } from './GonePage';
import { ParticipantRoom } from './ParticipantRoom';

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
  const [notice, setNotice] = useState<string | null>(null);

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
        onSeatLost={(message) => {
          forgetSeat(workshopId);
          setSeatToken(null);
          setNotice(message);
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
  notice: string | null;
  onJoined: (token: string) => void;
  onGone: () => void;
}) {
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
      <form className="card narrow" onSubmit={submit} aria-label="Join the workshop">
        <p className="eyebrow">You are invited to</p>
        <h1 data-testid="workshop-title">{props.info?.title ?? '…'}</h1>
        {props.notice && <p className="notice">{props.notice}</p>}
        {ended ? (
          <p className="muted">This workshop has ended; it no longer takes new participants.</p>
        ) : (
          <>
            <label className="field">
              <span>Your name</span>
              <input
                name="name"
                value={name}
                maxLength={LIMITS.nameMaxLength}
                required
                autoFocus
                autoComplete="name"
                placeholder="How others will see you"
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <p className="muted small">No account needed. Your seat is remembered on this device.</p>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button className="btn btn-primary btn-block" type="submit" disabled={busy || name.trim() === ''}>
              {busy ? 'Joining…' : 'Join workshop'}
            </button>
          </>
        )}
      </form>
    </Shell>
  );
}
