/** Record kinds in the store: one name each, used by every use case. */
export const KIND = {
  member: 'member',
  agency: 'agency',
  theme: 'theme',
  conversation: 'conversation',
  audit: 'audit',
  review: 'review',
  action: 'action',
  /** A progress update on an action (ProgressUpdate, domain.md section 3). */
  progress: 'progress',
  /** A card submission already applied: makes a double click or a Teams retry harmless. */
  submission: 'submission',
  /** A card the bot posted, so it can be refreshed for everyone later. */
  postedCard: 'postedCard',
} as const;
