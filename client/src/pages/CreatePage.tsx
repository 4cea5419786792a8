/** Home: the facilitator creates a workshop and gets the two links. */
import { useState, type FormEvent } from 'react';
import type { CreateWorkshopResponse } from '../../../shared/api';
import { LIMITS } from '../../../shared/limits';
import type { AssignmentMode } from '../../../shared/workshop';
import { CopyField } from '../components/CopyField';
import { RulesForm } from '../components/RulesForm';
import { DEFAULT_OKR_RULES, type OkrRules } from '../../../shared/okrRules';
import { Shell } from '../components/Shell';
import { api } from '../net/api';
import type { ImportError } from '../../../shared/importRows';

const MODES: Array<{ value: AssignmentMode; title: string; text: string }> = [
  { value: 'auto', title: 'Automatic', text: 'Everyone lands in the emptiest group as they join.' },
  { value: 'self-select', title: 'Self-select', text: 'Participants pick a group that still has room.' },
  { value: 'facilitator', title: 'Facilitator assigns', text: 'Everyone waits in the lobby until you place them.' },
];

export function CreatePage() {
  const [title, setTitle] = useState('');
  const [sizing, setSizing] = useState<'count' | 'size'>('count');
  const [groupCount, setGroupCount] = useState(5);
  const [groupSize, setGroupSize] = useState(5);
  const [maxSize, setMaxSize] = useState('');
  const [assignment, setAssignment] = useState<AssignmentMode>('auto');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreateWorkshopResponse | null>(null);
  const [rules, setRules] = useState<OkrRules>(DEFAULT_OKR_RULES);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const capacity = assignment === 'self-select' && maxSize !== '' ? Number(maxSize) : null;
    const body =
      sizing === 'count'
        ? { title, groupCount, assignment, maxGroupSize: capacity, rules }
        : { title, groupCount: 1, assignment, maxGroupSize: groupSize, rules };
    const result = await api.createWorkshop(body);
    setBusy(false);
    if (result.ok) setCreated(result.data);
    else setError(result.error.message);
  };

  if (created) return <Created created={created} title={title} />;

  return (
    <Shell>
      <section className="hero">
        <h1>Run an OKR workshop with breakout groups</h1>
        <p className="muted">
          Share one link. Participants join without accounts, land in groups, and draft their OKRs together, live. You
          watch every group from one screen.
        </p>
      </section>
      <form className="card narrow" onSubmit={submit} aria-label="Create a workshop">
        <h2>New workshop</h2>
        <label className="field">
          <span>Title</span>
          <input
            name="title"
            value={title}
            maxLength={LIMITS.titleMaxLength}
            required
            placeholder="e.g. Q3 OKR drafting — Sales & Marketing"
            onChange={(e) => setTitle(e.target.value)}
            autoFocus
          />
        </label>

        <fieldset className="field">
          <legend>Breakout groups</legend>
          <div className="segmented" role="radiogroup">
            <label className={sizing === 'count' ? 'active' : ''}>
              <input type="radio" name="sizing" checked={sizing === 'count'} onChange={() => setSizing('count')} /> Number of groups
            </label>
            <label className={sizing === 'size' ? 'active' : ''}>
              <input type="radio" name="sizing" checked={sizing === 'size'} onChange={() => setSizing('size')} /> Target group size
            </label>
          </div>
          {sizing === 'count' ? (
            <label className="inline-field">
              <input
                name="groupCount"
                type="number"
                min={1}
                max={LIMITS.maxGroups}
                value={groupCount}
                onChange={(e) => setGroupCount(Number(e.target.value))}
              />
              <span className="muted">groups (1–{LIMITS.maxGroups})</span>
            </label>
          ) : (
            <label className="inline-field">
              <input
                name="groupSize"
                type="number"
                min={1}
                max={LIMITS.maxGroupSize}
                value={groupSize}
                onChange={(e) => setGroupSize(Number(e.target.value))}
              />
              <span className="muted">people per group — a new group opens when all are full</span>
            </label>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>How people get into groups</legend>
          <div className="choice-cards">
            {MODES.map((m) => (
              <label key={m.value} className={assignment === m.value ? 'choice active' : 'choice'}>
                <input
                  type="radio"
                  name="assignment"
                  value={m.value}
                  checked={assignment === m.value}
                  onChange={() => setAssignment(m.value)}
                />
                <strong>{m.title}</strong>
                <span className="muted">{m.text}</span>
              </label>
            ))}
          </div>
          {assignment === 'self-select' && sizing === 'count' && (
            <label className="inline-field">
              <input
                name="maxGroupSize"
                type="number"
                min={1}
                max={LIMITS.maxGroupSize}
                placeholder="no limit"
                value={maxSize}
                onChange={(e) => setMaxSize(e.target.value)}
              />
              <span className="muted">max people per group (optional)</span>
            </label>
          )}
        </fieldset>

        <details className="field rules-details">
          <summary>OKR rules (deployment parameters)</summary>
          <p className="muted small">Settle these before drafting; the coach checks drafts against them. You can change them later.</p>
          <RulesForm value={rules} onChange={setRules} />
        </details>

        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create workshop'}
        </button>
        <ImportBox title={title} assignment={assignment} onCreated={setCreated} />
      </form>
    </Shell>
  );
}

/** Reflection and reset: start from a previous export or the template; groups and drafts are pre-filled. */
function ImportBox({ title, assignment, onCreated }: { title: string; assignment: AssignmentMode; onCreated: (c: CreateWorkshopResponse) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [report, setReport] = useState<ImportError[]>([]);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    setReport([]);
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    const r = await api.importWorkshop(file, format, title || file.name.replace(/\.(xlsx|csv)$/i, ''), assignment);
    setBusy(false);
    if (r.ok) onCreated(r.data);
    else {
      setMessage(r.error.message);
      setReport(r.report ?? []);
    }
  };
  return (
    <div className="import-box">
      <p className="muted small">
        <strong>Or start from a spreadsheet</strong> — a previous Draftroom export or the template (
        <a href="/api/template.xlsx" download>
          XLSX
        </a>{' '}
        ·{' '}
        <a href="/api/template.csv" download>
          CSV
        </a>
        ): groups and their drafts are pre-filled.
      </p>
      <div className="control-row">
        <input type="file" accept=".xlsx,.csv" aria-label="Spreadsheet to start from" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
        <button type="button" className="btn btn-secondary" disabled={!file || busy} onClick={submit} data-testid="import-submit">
          {busy ? 'Importing…' : 'Create from file'}
        </button>
      </div>
      {message && (
        <p className="error small" role="alert">
          {message}
        </p>
      )}
      {report.length > 0 && (
        <ul className="import-report" data-testid="import-report">
          {report.map((e, i) => (
            <li key={i}>
              Row {e.row}, {e.column}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Created({ created, title }: { created: CreateWorkshopResponse; title: string }) {
  return (
    <Shell>
      <section className="card narrow" data-testid="created">
        <p className="eyebrow">Workshop ready</p>
        <h1>{title}</h1>
        <CopyField label="Participant link — paste it in the call's chat" value={created.joinUrl} testId="join-url" />
        <div className="warning" role="note">
          <strong>Keep the facilitator link private.</strong> Anyone who has it can run and delete this workshop. Bookmark it
          now: it is the only way back to your console.
        </div>
        <CopyField label="Facilitator link (private)" value={created.facilitatorUrl} testId="facilitator-url" />
        <a className="btn btn-primary btn-block" href={created.facilitatorUrl} data-testid="open-console">
          Open the facilitator console →
        </a>
      </section>
    </Shell>
  );
}
