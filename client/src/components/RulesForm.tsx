/** The OKR rules (deployment parameters) as a form: at creation and in the console. */
import type { OkrRules } from '../../../shared/okrRules';

type Flag = 'allowMilestones' | 'requireBaseline' | 'showAmbition' | 'requireConfidence' | 'requireChampion' | 'showChampion' | 'showIndicator' | 'showImpact';

const FLAGS: Array<[Flag, string]> = [
  ['requireBaseline', 'Key results say where we start (“from X to Y”)'],
  ['allowMilestones', 'Milestone (done / not done) key results allowed'],
  ['showAmbition', 'Show commit / target / stretch levels'],
  ['showChampion', 'Show the key result champion'],
  ['requireChampion', 'Every key result needs a champion'],
  ['requireConfidence', 'Every key result needs a confidence'],
  ['showIndicator', 'Show leading / lagging'],
  ['showImpact', 'Show customer / business impact'],
];

export function RulesForm({ value, onChange }: { value: OkrRules; onChange: (rules: OkrRules) => void }) {
  const set = <K extends keyof OkrRules>(key: K, v: OkrRules[K]) => onChange({ ...value, [key]: v });
  const num = (key: 'maxObjectives' | 'minKeyResults' | 'maxKeyResults', label: string, min: number) => (
    <label className="inline-field">
      <input type="number" min={min} max={10} value={value[key]} aria-label={label} onChange={(e) => set(key, Number(e.target.value))} />
      <span className="muted small">{label}</span>
    </label>
  );
  return (
    <div className="rules-form">
      <div className="rules-grid">
        {num('maxObjectives', 'objectives at most', 1)}
        {num('minKeyResults', 'key results per objective, at least', 0)}
        {num('maxKeyResults', '…and at most', 1)}
        <label className="inline-field">
          <select value={value.confidenceScale} aria-label="Confidence scale" onChange={(e) => set('confidenceScale', e.target.value as OkrRules['confidenceScale'])}>
            <option value="1-10">1–10</option>
            <option value="0-100">0–100%</option>
          </select>
          <span className="muted small">confidence scale</span>
        </label>
        <label className="inline-field">
          <input value={value.cycle} maxLength={40} placeholder="e.g. Q3 2027" aria-label="Cycle" onChange={(e) => set('cycle', e.target.value)} />
          <span className="muted small">cycle</span>
        </label>
      </div>
      {FLAGS.map(([key, label]) => (
        <label key={key} className="check">
          <input type="checkbox" checked={value[key]} onChange={(e) => set(key, e.target.checked)} /> {label}
        </label>
      ))}
    </div>
  );
}
