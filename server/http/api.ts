/** The REST API: create and join workshops, public workshop facts, health. */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { CreateWorkshopResponse, JoinResponse } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { CreateWorkshopBody, JoinBody, parsePayload } from '../../shared/schemas';
import { workshopInfo } from '../../shared/views';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';

/** Largest JSON body accepted by the REST API (bytes). */
export const HTTP_MAX_BODY_BYTES = 16 * 1024;

export interface ApiDeps {
  registry: WorkshopRegistry;
  now: () => number;
  publicUrl: string | null;
  /** Per-IP rate limits for creating workshops and joining. */
  limits: { create: RequestHandler; join: RequestHandler };
}

const STATUS: Record<AppError['code'], number> = {
  invalid_payload: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  group_full: 409,
  invalid_transition: 409,
  workshop_ended: 410,
  limit_exceeded: 413,
  rate_limited: 429,
  version_mismatch: 400,
  unavailable: 503,
  internal: 500,
};

/** Sends an error in the one JSON error shape: `{error: {code, message, field?}}`. */
export function sendError(res: Response, error: AppError): void {
  res.status(STATUS[error.code]).json({ error });
}

/** Links for one workshop. The secrets ride in the fragment so they never reach server logs or Referer. */
export function workshopLinks(base: string, workshopId: string) {
  return {
    joinUrl: `${base}/w/${workshopId}`,
    facilitatorUrl: (key: string) => `${base}/w/${workshopId}/facilitate#key=${key}`,
    seatUrl: (token: string) => `${base}/w/${workshopId}#seat=${token}`,
  };
}

export function apiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  const baseUrl = (req: Request) => deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  router.use(express.json({ limit: HTTP_MAX_BODY_BYTES }));

  router.post('/workshops', deps.limits.create, async (req, res) => {
    const body = parsePayload(CreateWorkshopBody, req.body ?? {});
    if (!body.ok) return sendError(res, body.error);
    const { state, facilitatorKey } = await deps.registry.create(body.data, deps.now());
    const links = workshopLinks(baseUrl(req), state.id);
    res.status(201).json({
      workshopId: state.id,
      joinUrl: links.joinUrl,
      facilitatorUrl: links.facilitatorUrl(facilitatorKey),
      facilitatorKey,
    } satisfies CreateWorkshopResponse);
  });

  router.get('/workshops/:id', async (req, res) => {
    const room = await deps.registry.get(req.params.id, deps.now());
    if (!room) return sendError(res, notFound);
    res.json(workshopInfo(room.state));
  });

  router.post('/workshops/:id/join', deps.limits.join, async (req: Request<{ id: string }>, res: Response) => {
    const room = await deps.registry.get(req.params.id, deps.now());
    if (!room) return sendError(res, notFound);
    const body = parsePayload(JoinBody, req.body ?? {});
    if (!body.ok) return sendError(res, body.error);
    const joined = await deps.registry.join(room, body.data.name, deps.now());
    if (!joined.ok) return sendError(res, joined.error);
    const seat = room.participant(joined.data.participantId)!;
    res.status(201).json({
      participantId: seat.id,
      name: seat.name,
      seatToken: joined.data.seatToken,
      seatUrl: workshopLinks(baseUrl(req), room.id).seatUrl(joined.data.seatToken),
      groupId: seat.groupId,
    } satisfies JoinResponse);
  });

  router.use((_req, res) => sendError(res, { code: 'not_found', message: 'No such API route.' }));
  return router;
}

const notFound: AppError = { code: 'not_found', message: 'This workshop no longer exists.' };
