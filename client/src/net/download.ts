import { i18n } from '../i18n';

/** Downloads an export with the capability in the Authorization header (never in the URL); an error to show, else null. */
export async function downloadExport(workshopId: string, token: string, format: 'xlsx' | 'csv'): Promise<string | null> {
  try {
    const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/export.${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return body?.error?.message ?? i18n.t('common:export.failed', { status: res.status });
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `draftroom.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  } catch {
    return i18n.t('common:export.unreachable');
  }
}
