/** Named limits shared by client and server; each one is documented in the README. */
export const LIMITS = {
  /** Breakout groups per workshop. */
  maxGroups: 200,
  /** Participants per workshop (lobby included). */
  maxParticipants: 2000,
  /** Display name length after trimming. */
  nameMaxLength: 40,
  /** Workshop title length after trimming. */
  titleMaxLength: 120,
  /** Group name length after trimming. */
  groupNameMaxLength: 40,
  /** Characters in one text field of the group document. */
  textMaxLength: 5000,
  /** Objectives in one group document, and key results under one objective (hard caps; the OKR rules coach well below). */
  maxObjectivesPerDoc: 20,
  maxKeyResultsPerObjective: 20,
  /** Encoded size of one group document (bytes). */
  maxDocBytes: 2 * 1024 * 1024,
  /** Shortest and longest timer (also what an `add` must leave on it). */
  timerMinMs: 1000,
  timerMaxMs: 4 * 60 * 60 * 1000,
  /** Help request note. */
  helpMessageMaxLength: 200,
  /** Broadcast banner text. */
  broadcastMaxLength: 500,
  /** One comment or reply. */
  commentMaxLength: 2000,
  /** Comments (and replies) per workshop. */
  maxComments: 20_000,
  /** Canned coaching prompts per workshop, and the length of each. */
  maxQuickComments: 20,
  quickCommentMaxLength: 200,
  /** The facilitator's notes on the session report. */
  reportNotesMaxLength: 1000,
  /** Largest allowed group size setting. */
  maxGroupSize: 100,
} as const;
