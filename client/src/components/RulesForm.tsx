/** The OKR rules (deployment parameters) as a form: at creation and in the console. */
import { useTranslation } from 'react-i18next';
import type { OkrRules } from '../../../shared/okrRules';

type Flag = 'allowMilestones' | 'requireBaseline' | 'showAmbition' | 'requireConfidence' | 'requireChampion' | 'showChampion' | 'showIndicator' | 'showImpact';

const FLAGS: Flag[] = ['requireBaseline', 'allowMilestones', 'showAmbition', 'showChampion', 'requireChampion', 'requireConfidence', 'showIndicator', 'showImpact'];

export function RulesForm({ value, onChange }: { value: OkrRules; onChange: (rules: OkrRules) => void }) {
  const { t } = useTranslation('common');
  const set = <K extends keyof OkrRules>(key: K, v: OkrRules[K]) => onChange({ ...value, [key]: v });
  const num = (key: 'maxObjectives' | 'minKeyResults' | 'maxKeyResults', min: number) => {
    const label = t(`rulesForm.${key}`);
    return (
      <label className="inline-field">
        <input type="number" min={min} max={10} value={value[key]} aria-label={label} onChange={(e) => set(key, Number(e.target.value))} />
        <span className="muted small">{label}</span>
      </label>
    );
  };
  return (
    <div className="rules-form">
      <div className="rules-grid">
        {num('maxObjectives', 1)}
        {num('minKeyResults', 0)}
        {num('maxKeyResults', 1)}
        <label className="inline-field">
          <select value={value.confidenceScale} aria-label={t('rulesForm.scaleLabel')} onChange={(e) => set('confidenceScale', e.target.value as OkrRules['confidenceScale'])}>
            <option value="1-10">1–10</option>
            <option value="0-100">0–100%</option>
          </select>
          <span className="muted small">{t('rulesForm.scale')}</span>
        </label>
        <label className="inline-field">
          <input className="cycle" value={value.cycle} maxLength={40} placeholder={t('rulesForm.cyclePlaceholder')} aria-label={t('rulesForm.cycleLabel')} onChange={(e) => set('cycle', e.target.value)} />
          <span className="muted small">{t('rulesForm.cycle')}</span>
        </label>
      </div>
      {FLAGS.map((key) => (
        <label key={key} className="check">
          <input type="checkbox" checked={value[key]} onChange={(e) => set(key, e.target.checked)} /> {t(`rulesForm.flags.${key}`)}
        </label>
      ))}
    </div>
  );
}
