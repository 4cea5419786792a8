/** Schemas for every inbound payload (REST and Socket.IO); payload types derive from them. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { normalizeName } from './names';
import { fail, ok, type Result } from './result';
import { ASSIGNMENT_MODES, PHASES } from './workshop';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const text = (max: number) =>
  z
    .string()
    .max(max * 4, `must be at most ${max} characters`)
    .transform(normalizeName)
    .pipe(z.string().min(1, 'is required').max(max, `must be at most ${max} characters`));

export const CreateWorkshopBody = z.object({
  title: text(LIMITS.titleMaxLength),
  groupCount: z.int().min(1).max(LIMITS.maxGroups).default(5),
  maxGroupSize: z.int().min(1).max(LIMITS.maxGroupSize).nullable().default(null),
  assignment: z.enum(ASSIGNMENT_MODES).default('auto'),
});
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>;

export const JoinBody = z.object({ name: text(LIMITS.nameMaxLength) });
export type JoinBody = z.infer<typeof JoinBody>;

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

/** Parses `input`; the error names the first field at fault. */
export function parsePayload<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? `${field ?? 'payload'}: ${issue.message}` : 'Invalid payload';
  return fail('invalid_payload', message, field);
}
