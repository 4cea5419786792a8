/** Export (XLSX, CSV) with a bearer capability, the import template, and creating a workshop from a sheet. */
import express, { type Request, type RequestHandler, type Response } from 'express';
import { nanoid } from 'nanoid';
import { actsForGroup, groupAccess } from '../../shared/access';
import type { CreateWorkshopResponse } from '../../shared/api';
import { canSeeComment } from '../../shared/comments';
import { exportRows } from '../../shared/exportRows';
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages';
import { importGrid } from '../../shared/importRows';
import { DEFAULT_OKR_RULES } from '../../shared/okrRules';
import { ImportQuery, parsePayload, SheetLanguageQuery } from '../../shared/schemas';
import { initialSession } from '../../shared/session';
import type { WorkshopState } from '../../shared/workshop';
import { collectGroups } from '../export/collect';
import { IMPORT_MAX_BYTES, readGrid } from '../export/importSheet';
import { exportFileName, toCsv, toXlsx } from '../export/spreadsheet';
import { templateRows, templateTitle } from '../export/template';
import type { Coach } from '../radar/RadarService';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { CoachingFigures, CoachingRecord, Pattern } from '../../shared/coaching';
import { sessionReport, type SessionReport } from '../../shared/report';
import type { YjsGateway } from '../yjs/YjsGateway';
import { sendError, workshopLinks } from './api';

export interface ExportDeps {
  /** The coaching figures of a workshop (the facilitator's export gets a Coaching sheet). */
  coaching: { figures(room: WorkshopRoom): CoachingFigures; forReport(room: WorkshopRoom): { figures: CoachingFigures; patterns: Pattern[]; record: CoachingRecord } };
  registry: WorkshopRegistry;
  yjs: YjsGateway;
  coach: Coach;
  now: () => number;
  publicUrl: string | null;
  limits: { create: RequestHandler };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Times in the sheet: UTC, minute precision, unambiguous. */
export const formatTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function bearer(req: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return m ? m[1]! : null;
}

export function exportRouter(deps: ExportDeps): express.Router {
  const router = express.Router();

  const exportAs = (format: 'xlsx' | 'csv') => async (req: Request<{ id: string }>, res: Response) => {
    const query = parsePayload(SheetLanguageQuery, req.query);
    if (!query.ok) return sendError(res, query.error);
    const token = bearer(req);
    if (!token) return sendError(res, { code: 'unauthorized', message: 'Send Authorization: Bearer <facilitator key or seat token>.' });
    const now = deps.now();
    const session = await deps.registry.authenticateToken(req.params.id, token, now);
    if (!session.ok) return sendError(res, session.error);
    const { room, participantId } = session.data;
    const viewer = room.viewer(participantId)!; // authenticateToken found the seat
    // The facilitator exports every group, a participant their own group only (not a peer's or the spotlight).
    const groups = collectGroups(room, deps.yjs, deps.coach, (groupId) => actsForGroup(groupAccess(room.state, viewer, groupId)));
    if (viewer.role === 'participant' && groups.length === 0) return sendError(res, { code: 'forbidden', message: 'Join a group to export its draft.' });
    const groupIds = new Set(groups.map((g) => g.id));
    const comments = room.comments.filter((c) => groupIds.has(c.groupId) && canSeeComment(viewer, c));
    // The workshop's language, unless the download asks for another.
    const language = query.data.language ?? room.state.language;
    const rows = exportRows({ groups, comments, language, formatTime });
    const file = exportFileName(room.state.title, now, format);
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    res.set('Cache-Control', 'no-store');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(rows, language));
    } else {
      const coaching = viewer.role === 'facilitator' ? deps.coaching.figures(room) : undefined;
      res.type(XLSX_TYPE).send(await toXlsx({ workshop: room.state, language, rows, groups, comments, groupIds, formatTime, exportedAt: now, coaching }));
    }
  };
  router.get('/workshops/:id/export.xlsx', exportAs('xlsx'));
  router.get('/workshops/:id/export.csv', exportAs('csv'));

  // The session report (issue #23): the facilitator's only, in the workshop's language unless `?language=` asks for another.
  router.get('/workshops/:id/report.json', async (req: Request<{ id: string }>, res: Response) => {
    const query = parsePayload(SheetLanguageQuery, req.query);
    if (!query.ok) return sendError(res, query.error);
    const token = bearer(req);
    if (!token) return sendError(res, { code: 'unauthorized', message: 'Send Authorization: Bearer <facilitator key>.' });
    const now = deps.now();
    const session = await deps.registry.authenticateToken(req.params.id, token, now);
    if (!session.ok) return sendError(res, session.error);
    const { room, participantId } = session.data;
    if (room.viewer(participantId)!.role !== 'facilitator') return sendError(res, { code: 'forbidden', message: 'The session report is the facilitator’s.' });
    const groups = collectGroups(room, deps.yjs, deps.coach, () => true);
    const { figures, patterns, record } = deps.coaching.forReport(room);
    const report: SessionReport = sessionReport({ workshop: room.state, groups, figures, patterns, record, language: query.data.language ?? room.state.language, now });
    res.set('Cache-Control', 'no-store');
    res.json(report);
  });

  // The template in English unless `?language=` asks for another of the five.
  router.get('/template.xlsx', async (req, res) => {
    const query = parsePayload(SheetLanguageQuery, req.query);
    if (!query.ok) return sendError(res, query.error);
    const language = query.data.language ?? DEFAULT_LANGUAGE;
    const now = deps.now();
    const workshop: WorkshopState = { id: 'template', title: templateTitle(language), createdAt: now, lastActiveAt: now, phase: 'lobby', assignment: 'auto', maxGroupSize: null, groups: [], participants: [], session: initialSession(), rules: DEFAULT_OKR_RULES, language };
    res.set('Content-Disposition', 'attachment; filename="draftroom-template.xlsx"');
    res.type(XLSX_TYPE).send(await toXlsx({ workshop, language, rows: templateRows(language), groups: [], comments: [], groupIds: new Set(), formatTime, exportedAt: now }));
  });
  router.get('/template.csv', (req, res) => {
    const query = parsePayload(SheetLanguageQuery, req.query);
    if (!query.ok) return sendError(res, query.error);
    const language = query.data.language ?? DEFAULT_LANGUAGE;
    res.set('Content-Disposition', 'attachment; filename="draftroom-template.csv"');
    res.type('text/csv; charset=utf-8').send(toCsv(templateRows(language), language));
  });

  router.post('/workshops/import', deps.limits.create, express.raw({ type: () => true, limit: IMPORT_MAX_BYTES }), async (req, res) => {
    const query = parsePayload(ImportQuery, req.query);
    if (!query.ok) return sendError(res, query.error);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return sendError(res, { code: 'invalid_payload', message: 'Send the file as the request body.' });
    const grid = await readGrid(req.body, query.data.format);
    const parsed = grid.ok ? importGrid(grid.grid, () => nanoid(10)) : grid;
    if (!parsed.ok) {
      res.status(400).json({ error: { code: 'invalid_payload', message: `The file has ${parsed.errors.length} problem(s); nothing was created.` }, report: parsed.errors });
      return;
    }
    if (parsed.groups.length === 0) return sendError(res, { code: 'invalid_payload', message: 'The file has no rows with a group.' });
    // The workshop and its seeded documents are stored in one transaction: all of it, or nothing.
    const { state, facilitatorKey } = await deps.registry.create(
      { title: query.data.title, groupCount: parsed.groups.length, maxGroupSize: null, assignment: query.data.assignment, language: query.data.language },
      deps.now(),
      parsed.groups,
    );
    const links = workshopLinks(deps.publicUrl ?? `${req.protocol}://${req.get('host')}`, state.id);
    res.status(201).json({ workshopId: state.id, joinUrl: links.joinUrl, facilitatorUrl: links.facilitatorUrl(facilitatorKey), facilitatorKey } satisfies CreateWorkshopResponse);
  });

  return router;
}
