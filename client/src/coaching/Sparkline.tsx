/** A small line of counts over the workshop (open coach hints), with what it shows in words for screen readers. */
import { useTranslation } from 'react-i18next';

interface Props {
  values: readonly number[];
  width?: number;
  height?: number;
  testId?: string;
}

/** "Open coach hints over the workshop: 0 at the start, 4 at most, 1 now" (or "none so far"). */
export function useTrendText(): (values: readonly number[]) => string {
  const { t } = useTranslation('coaching');
  return (values) => {
    const peak = Math.max(0, ...values);
    if (peak === 0) return t('progress.trendNone');
    return t('progress.trend', { start: values[0] ?? 0, peak, now: values.at(-1) ?? 0 });
  };
}

export function Sparkline({ values, width = 96, height = 24, testId }: Props) {
  const text = useTrendText();
  const peak = Math.max(1, ...values);
  const pad = 2;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => height - pad - (v / peak) * (height - 2 * pad);
  const points = values.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`);
  const last = values.length - 1;
  return (
    <svg className="sparkline" role="img" aria-label={text(values)} width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid={testId} data-values={values.join(',')}>
      <line className="sparkline-base" x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} />
      {values.length > 0 && (
        <>
          <polyline className="sparkline-area" points={`${pad},${height - pad} ${points.join(' ')} ${pad + last * step},${height - pad}`} />
          <polyline className="sparkline-line" points={points.join(' ')} />
          <circle className="sparkline-dot" cx={pad + last * step} cy={y(values[last]!)} r={2.2} />
        </>
      )}
    </svg>
  );
}
