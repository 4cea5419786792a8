/** Download the session (facilitator) or one's own group (participant) as XLSX or CSV. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport } from '../net/download';

export function ExportButtons({ workshopId, token, label }: { workshopId: string; token: string; label?: string }) {
  const { t } = useTranslation('common');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    setError(await downloadExport(workshopId, token, format));
    setBusy(false);
  };
  return (
    <span className="export-buttons">
      <span className="muted small">{t('export.prompt', { label: label ?? t('export.label') })}</span>
      <button className="btn btn-secondary" disabled={busy} onClick={() => run('xlsx')} data-testid="export-xlsx">
        XLSX
      </button>
      <button className="btn btn-secondary" disabled={busy} onClick={() => run('csv')} data-testid="export-csv">
        CSV
      </button>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
