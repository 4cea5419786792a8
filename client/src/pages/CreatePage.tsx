/** Home: the facilitator creates a workshop and gets the two links. */
import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CreateWorkshopResponse } from '../../../shared/api';
import { LIMITS } from '../../../shared/limits';
import type { AssignmentMode } from '../../../shared/workshop';
import { CopyField } from '../components/CopyField';
import { RulesForm } from '../components/RulesForm';
import { DEFAULT_OKR_RULES, type OkrRules } from '../../../shared/okrRules';
import { QrCode } from '../components/QrCode';
import { Shell } from '../components/Shell';
import { forgetWorkshop, myWorkshops, rememberWorkshop, type MyWorkshop } from '../myWorkshops';
import { api } from '../net/api';
import type { ImportError } from '../../../shared/importRows';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages';

/** The assignment modes, each with its catalogue section. */
const MODES: Array<{ value: AssignmentMode; key: 'auto' | 'selfSelect' | 'facilitator' }> = [
  { value: 'auto', key: 'auto' },
  { value: 'self-select', key: 'selfSelect' },
  { value: 'facilitator', key: 'facilitator' },
];

export function CreatePage() {
  const { t, i18n } = useTranslation('create');
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
  // The workshop's language: the UI's until the facilitator picks another one for the room.
  const [picked, setPicked] = useState<Language | null>(null);
  const language: Language = picked ?? (isLanguage(i18n.language) ? i18n.language : 'en');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const capacity = assignment === 'self-select' && maxSize !== '' ? Number(maxSize) : null;
    const body =
      sizing === 'count'
        ? { title, groupCount, assignment, maxGroupSize: capacity, rules, language }
        : { title, groupCount: 1, assignment, maxGroupSize: groupSize, rules, language };
    const result = await api.createWorkshop(body);
    setBusy(false);
    if (result.ok) setCreated(result.data);
    else setError(result.error.message);
  };

  if (created) return <Created created={created} title={title} language={language} />;

  return (
    <Shell>
      <section className="hero">
        <h1>{t('hero.title')}</h1>
        <p className="muted">{t('hero.text')}</p>
      </section>
      <form className="card narrow" onSubmit={submit} aria-label={t('form.label')}>
        <h2>{t('form.heading')}</h2>
        <label className="field">
          <span>{t('form.title')}</span>
          <input
            name="title"
            value={title}
            maxLength={LIMITS.titleMaxLength}
            required
            placeholder={t('form.titlePlaceholder')}
            onChange={(e) => setTitle(e.target.value)}
            autoFocus
          />
        </label>

        <label className="field">
          <span>{t('form.language')}</span>
          <select name="language" value={language} onChange={(e) => isLanguage(e.target.value) && setPicked(e.target.value)} data-testid="workshop-language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <small className="muted">{t('form.languageHint')}</small>
        </label>

        <fieldset className="field">
          <legend>{t('form.groups')}</legend>
          <div className="segmented" role="radiogroup">
            <label className={sizing === 'count' ? 'active' : ''}>
              <input type="radio" name="sizing" checked={sizing === 'count'} onChange={() => setSizing('count')} /> {t('form.byCount')}
            </label>
            <label className={sizing === 'size' ? 'active' : ''}>
              <input type="radio" name="sizing" checked={sizing === 'size'} onChange={() => setSizing('size')} /> {t('form.bySize')}
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
              <span className="muted">{t('form.groupCount', { max: LIMITS.maxGroups })}</span>
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
              <span className="muted">{t('form.groupSize')}</span>
            </label>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>{t('form.assignment')}</legend>
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
                <strong>{t(`modes.${m.key}.title`)}</strong>
                <span className="muted">{t(`modes.${m.key}.text`)}</span>
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
                placeholder={t('form.noLimit')}
                value={maxSize}
                onChange={(e) => setMaxSize(e.target.value)}
              />
              <span className="muted">{t('form.maxSize')}</span>
            </label>
          )}
        </fieldset>

        <details className="field rules-details">
          <summary>{t('form.rules')}</summary>
          <p className="muted small">{t('form.rulesHint')}</p>
          <RulesForm value={rules} onChange={setRules} />
        </details>

        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        <ImportBox title={title} assignment={assignment} language={language} onCreated={setCreated} />
      </form>
      <MyWorkshops />
    </Shell>
  );
}

/** Reflection and reset: start from a previous export or the template; groups and drafts are pre-filled. */
function ImportBox({ title, assignment, language, onCreated }: { title: string; assignment: AssignmentMode; language: Language; onCreated: (c: CreateWorkshopResponse) => void }) {
  const { t, i18n } = useTranslation('create');
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
    const r = await api.importWorkshop(file, format, title || file.name.replace(/\.(xlsx|csv)$/i, ''), assignment, language);
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
        <Trans
          t={t}
          i18nKey="import.text"
          components={{ strong: <strong />, xlsx: <a href={`/api/template.xlsx?language=${i18n.language}`} download />, csv: <a href={`/api/template.csv?language=${i18n.language}`} download /> }}
        />
      </p>
      <div className="control-row">
        <input type="file" accept=".xlsx,.csv" aria-label={t('import.file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
        <button type="button" className="btn btn-secondary" disabled={!file || busy} onClick={submit} data-testid="import-submit">
          {busy ? t('import.submitting') : t('import.submit')}
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
              {t('import.row', { row: e.row, column: e.column, message: e.message })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Created({ created, title, language }: { created: CreateWorkshopResponse; title: string; language: Language }) {
  const { t } = useTranslation('create');
  // Remembered on this device, so the console is found again from the home page.
  useEffect(() => {
    rememberWorkshop({ id: created.workshopId, title: title || created.workshopId, facilitatorUrl: created.facilitatorUrl, createdAt: Date.now() });
  }, [created, title]);
  return (
    <Shell>
      <section className="card narrow" data-testid="created">
        <p className="eyebrow">{t('created.eyebrow')}</p>
        <h1>{title}</h1>
        <p className="muted small" data-testid="created-language">
          {t('created.language', { language: LANGUAGE_NAMES[language] })}
        </p>
        <CopyField label={t('created.joinLink')} value={created.joinUrl} testId="join-url" />
        <div className="qr-row">
          <QrCode value={created.joinUrl} label={t('created.qr')} />
          <p className="muted small">{t('created.qrHint')}</p>
        </div>
        <div className="warning" role="note">
          <strong>{t('created.warningLead')}</strong> {t('created.warning')}
        </div>
        <CopyField label={t('created.facilitatorLink')} value={created.facilitatorUrl} testId="facilitator-url" />
        <a className="btn btn-primary btn-block" href={created.facilitatorUrl} data-testid="open-console">
          {t('created.open')}
        </a>
      </section>
    </Shell>
  );
}

/**
 * The workshops created on this device (newest first), with their consoles. One that no longer
 * exists (ended, expired) is forgotten when the list is shown.
 */
function MyWorkshops() {
  const { t, i18n } = useTranslation('create');
  const [list, setList] = useState<MyWorkshop[]>(myWorkshops);
  useEffect(() => {
    let live = true;
    for (const w of myWorkshops()) {
      void api.workshopInfo(w.id).then((r) => {
        if (!r.ok && r.error.code === 'not_found' && live) {
          forgetWorkshop(w.id);
          setList(myWorkshops());
        }
      });
    }
    return () => {
      live = false;
    };
  }, []);
  if (list.length === 0) return null;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card narrow my-workshops" aria-labelledby="my-workshops-title" data-testid="my-workshops">
      <h2 id="my-workshops-title">{t('mine.title')}</h2>
      <p className="muted small">{t('mine.hint')}</p>
      <ul>
        {list.map((w) => (
          <li key={w.id}>
            <a href={w.facilitatorUrl} data-testid="my-workshop">
              <bdi>{w.title}</bdi>
            </a>
            <span className="muted small"> · {date.format(w.createdAt)}</span>
            <button
              type="button"
              className="btn btn-link small"
              aria-label={t('mine.forgetLabel', { title: w.title })}
              onClick={() => {
                forgetWorkshop(w.id);
                setList(myWorkshops());
              }}
            >
              {t('mine.forget')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
