/** Schemas for every inbound payload (REST and Socket.IO); payload types derive from them. */
import { z } from 'zod';
import { LANGUAGES } from './i18n/languages';
import { LIMITS } from './limits';
import { normalizeName } from './names';
import { fail, ok, type Result } from './result';
import { CONFIDENCE_SCALES } from './okrRules';
import { ASSIGNMENT_MODES, PHASES } from './workshop';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const text = (max: number) =>
  z
    .string()
    .max(max * 4, `must be at most ${max} characters`)
    .transform(normalizeName)
    .pipe(z.string().min(1, 'is required').max(max, `must be at most ${max} characters`));

/** OKR rules as sent by the facilitator: any subset, merged over the current (or default) rules. */
export const OkrRulesPatch = z
  .strictObject({
    maxObjectives: z.int().min(1).max(10),
    minKeyResults: z.int().min(0).max(10),
    maxKeyResults: z.int().min(1).max(10),
    allowMilestones: z.boolean(),
    requireBaseline: z.boolean(),
    showAmbition: z.boolean(),
    confidenceScale: z.enum(CONFIDENCE_SCALES),
    requireConfidence: z.boolean(),
    requireChampion: z.boolean(),
    cycle: z.string().max(40).transform(normalizeName),
    showChampion: z.boolean(),
    showIndicator: z.boolean(),
    showImpact: z.boolean(),
  })
  .partial()
  .refine((r) => r.minKeyResults === undefined || r.maxKeyResults === undefined || r.minKeyResults <= r.maxKeyResults, {
    message: 'must not be above maxKeyResults',
    path: ['minKeyResults'],
  });
export type OkrRulesPatch = z.infer<typeof OkrRulesPatch>;

export const CreateWorkshopBody = z.object({
  title: text(LIMITS.titleMaxLength),
  groupCount: z.int().min(1).max(LIMITS.maxGroups).default(5),
  maxGroupSize: z.int().min(1).max(LIMITS.maxGroupSize).nullable().default(null),
  assignment: z.enum(ASSIGNMENT_MODES).default('auto'),
  rules: OkrRulesPatch.optional(),
  language: z.enum(LANGUAGES).default('en'),
});
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>;

export const JoinBody = z.object({ name: text(LIMITS.nameMaxLength) });
export type JoinBody = z.infer<typeof JoinBody>;

/** Query of POST /api/workshops/import (the file is the body). */
export const ImportQuery = z.object({
  format: z.enum(['xlsx', 'csv']),
  title: text(LIMITS.titleMaxLength),
  assignment: z.enum(ASSIGNMENT_MODES).default('auto'),
  language: z.enum(LANGUAGES).default('en'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** Query of the export and template downloads: the sheet's language (else the workshop's; the template's: English). */
export const SheetLanguageQuery = z.object({ language: z.enum(LANGUAGES).optional() });
export type SheetLanguageQuery = z.infer<typeof SheetLanguageQuery>;

/** Socket.IO handshake `auth`: a seat token or a facilitator key for one workshop. */
export const SocketAuth = z.union([
  z.strictObject({ protocolVersion: z.int(), workshopId: id, seatToken: z.string().min(1).max(128) }),
  z.strictObject({ protocolVersion: z.int(), workshopId: id, facilitatorKey: z.string().min(1).max(128) }),
]);
export type SocketAuth = z.infer<typeof SocketAuth>;

export const RenameGroupPayload = z.strictObject({ groupId: id, name: text(LIMITS.groupNameMaxLength) });
export type RenameGroupPayload = z.infer<typeof RenameGroupPayload>;

export const AddGroupPayload = z.strictObject({ name: text(LIMITS.groupNameMaxLength).optional() });
export type AddGroupPayload = z.infer<typeof AddGroupPayload>;

export const GroupRefPayload = z.strictObject({ groupId: id });
export type GroupRefPayload = z.infer<typeof GroupRefPayload>;

export const MoveParticipantPayload = z.strictObject({ participantId: id, groupId: id.nullable() });
export type MoveParticipantPayload = z.infer<typeof MoveParticipantPayload>;

export const ParticipantRefPayload = z.strictObject({ participantId: id });
export type ParticipantRefPayload = z.infer<typeof ParticipantRefPayload>;

export const SetPhasePayload = z.strictObject({ phase: z.enum(PHASES) });
export type SetPhasePayload = z.infer<typeof SetPhasePayload>;

export const EmptyPayload = z.strictObject({});
export type EmptyPayload = z.infer<typeof EmptyPayload>;

const longText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((t) => t.trim())
    .pipe(z.string().min(1, 'is required'));

export const TimerPayload = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('set'), ms: z.int().min(LIMITS.timerMinMs).max(LIMITS.timerMaxMs) }),
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('pause') }),
  // The range an add may take the timer to depends on the timer: applyTimer decides.
  z.strictObject({ action: z.literal('add'), ms: z.int().min(-LIMITS.timerMaxMs).max(LIMITS.timerMaxMs) }),
  z.strictObject({ action: z.literal('stop') }),
  z.strictObject({ action: z.literal('closeOnEnd'), on: z.boolean() }),
]);
export type TimerPayload = z.infer<typeof TimerPayload>;

export const CloseBreakoutsPayload = z.strictObject({ delaySeconds: z.int().min(0).max(600) });
export type CloseBreakoutsPayload = z.infer<typeof CloseBreakoutsPayload>;

export const HelpPayload = z.strictObject({ message: z.string().max(LIMITS.helpMessageMaxLength).transform(normalizeName).default('') });
export type HelpPayload = z.infer<typeof HelpPayload>;

export const BroadcastPayload = z.strictObject({ text: longText(LIMITS.broadcastMaxLength), groupId: id.nullable() });
export type BroadcastPayload = z.infer<typeof BroadcastPayload>;

export const SpotlightPayload = z.strictObject({ groupId: id.nullable() });
export type SpotlightPayload = z.infer<typeof SpotlightPayload>;

export const PeersPayload = z.strictObject({
  pairs: z.array(z.array(id).min(2).max(3)).max(LIMITS.maxGroups),
});
export type PeersPayload = z.infer<typeof PeersPayload>;

/** Show the teaching board to everyone (with or without group names), or take it down. */
export const BoardPayload = z.strictObject({ shown: z.boolean(), names: z.boolean() });
export type BoardPayload = z.infer<typeof BoardPayload>;

export const QuickCommentsPayload = z.strictObject({
  items: z.array(longText(LIMITS.quickCommentMaxLength)).max(LIMITS.maxQuickComments),
});
export type QuickCommentsPayload = z.infer<typeof QuickCommentsPayload>;

export const RulesPayload = z.strictObject({ rules: OkrRulesPatch });
export type RulesPayload = z.infer<typeof RulesPayload>;

/** The facilitator's notes on the session report (issue #23): the whole text, trimmed; empty clears them. */
export const ReportNotesPayload = z.strictObject({
  notes: z
    .string()
    .max(LIMITS.reportNotesMaxLength, `must be at most ${LIMITS.reportNotesMaxLength} characters`)
    .transform((t) => t.trim()),
});
export type ReportNotesPayload = z.infer<typeof ReportNotesPayload>;

export const LanguagePayload = z.strictObject({ language: z.enum(LANGUAGES) });
export type LanguagePayload = z.infer<typeof LanguagePayload>;

/** Where a comment is pinned: the group, and optionally an objective / key result and one of its fields. */
const anchor = {
  groupId: id,
  itemId: id.nullable().default(null),
  field: z.string().max(32).regex(/^[a-zA-Z]+$/).nullable().default(null),
};

export const CommentPayload = z.strictObject({
  ...anchor,
  text: longText(LIMITS.commentMaxLength),
  parentId: id.nullable().default(null),
});
export type CommentPayload = z.infer<typeof CommentPayload>;

export const CommentManyPayload = z.strictObject({
  targets: z.array(z.strictObject(anchor)).min(1).max(LIMITS.maxGroups * 5),
  text: longText(LIMITS.commentMaxLength),
});
export type CommentManyPayload = z.infer<typeof CommentManyPayload>;

export const ResolvePayload = z.strictObject({ commentId: id, resolved: z.boolean() });
export type ResolvePayload = z.infer<typeof ResolvePayload>;

/** Parses `input`; the error names the first field at fault. */
export function parsePayload<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? `${field ?? 'payload'}: ${issue.message}` : 'Invalid payload';
  return fail('invalid_payload', message, field);
}
