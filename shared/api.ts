/** REST response shapes (requests are the schemas in schemas.ts). */
import type { AppError } from './result';

export interface CreateWorkshopResponse {
  workshopId: string;
  joinUrl: string;
  facilitatorUrl: string;
  facilitatorKey: string;
}

export interface JoinResponse {
  participantId: string;
  /** The name as stored: trimmed, and told apart from duplicates. */
  name: string;
  seatToken: string;
  seatUrl: string;
  groupId: string | null;
}

export interface ApiErrorBody {
  error: AppError;
}
