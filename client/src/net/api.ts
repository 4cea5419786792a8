/** REST calls; errors come back as the server's AppError. */
import type { ApiErrorBody, CreateWorkshopResponse, JoinResponse } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { WorkshopInfo } from '../../../shared/views';
import type { ImportError } from '../../../shared/importRows';
import { clientError, localizeError } from './localizeError';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json = (await res.json()) as T | ApiErrorBody;
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: localizeError((json as ApiErrorBody).error) };
  } catch {
    return { ok: false, error: clientError('offline') };
  }
}

/** Creates a workshop from a spreadsheet; a refusal carries the row-by-row report. */
async function importWorkshop(
  file: File,
  format: 'xlsx' | 'csv',
  title: string,
  assignment: string,
  language = 'en',
): Promise<Result<CreateWorkshopResponse> & { report?: ImportError[] }> {
  try {
    const query = new URLSearchParams({ format, title, assignment, language });
    const res = await fetch(`/api/workshops/import?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
    const json = (await res.json()) as CreateWorkshopResponse | (ApiErrorBody & { report?: ImportError[] });
    if (res.ok) return { ok: true, data: json as CreateWorkshopResponse };
    const failure = json as ApiErrorBody & { report?: ImportError[] };
    return { ok: false, error: localizeError(failure.error), report: failure.report ?? [] };
  } catch {
    return { ok: false, error: clientError('importOffline') };
  }
}

export const api = {
  importWorkshop,
  createWorkshop: (body: unknown) => call<CreateWorkshopResponse>('POST', '/api/workshops', body),
  workshopInfo: (id: string) => call<WorkshopInfo>('GET', `/api/workshops/${encodeURIComponent(id)}`),
  join: (id: string, name: string) => call<JoinResponse>('POST', `/api/workshops/${encodeURIComponent(id)}/join`, { name }),
};
