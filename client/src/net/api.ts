/** REST calls; errors come back as the server's AppError. */
import type { ApiErrorBody, CreateWorkshopResponse, JoinResponse } from '../../../shared/api';
import type { AppError, Result } from '../../../shared/result';
import type { WorkshopInfo } from '../../../shared/views';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json = (await res.json()) as T | ApiErrorBody;
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: (json as ApiErrorBody).error };
  } catch {
    const error: AppError = { code: 'internal', message: 'Cannot reach the server. Check your connection and try again.' };
    return { ok: false, error };
  }
}

export const api = {
  createWorkshop: (body: unknown) => call<CreateWorkshopResponse>('POST', '/api/workshops', body),
  workshopInfo: (id: string) => call<WorkshopInfo>('GET', `/api/workshops/${encodeURIComponent(id)}`),
  join: (id: string, name: string) => call<JoinResponse>('POST', `/api/workshops/${encodeURIComponent(id)}/join`, { name }),
};
