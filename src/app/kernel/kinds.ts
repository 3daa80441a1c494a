/** Record kinds in the store: one name each, used by every use case. */
export const KIND = {
  member: 'member',
  agency: 'agency',
  theme: 'theme',
  conversation: 'conversation',
  audit: 'audit',
  review: 'review',
  /** A review's recommendation or learning point; actions answer them. */
  recommendation: 'recommendation',
  action: 'action',
  /** A progress update on an action (ProgressUpdate, docs/design/domain.md section 3). */
  progress: 'progress',
  /** A card submission already applied: makes a double click or a Teams retry harmless. */
  submission: 'submission',
  /** A card the bot posted, so it can be refreshed for everyone later. */
  postedCard: 'postedCard',
  /** A PAI (or other) meeting date; digests and sign-offs refer to it. */
  meeting: 'meeting',
  /** A proactive message waiting to be sent, or its delivery result (outbox). */
  outbox: 'outbox',
  /** A scheduler lease: one instance runs the tick at a time. */
  lease: 'lease',
  /** A user's "not now" on a reminder, until a date within the snooze limits. */
  reminderSnooze: 'reminderSnooze',
  /** A 12-month assurance request to a responsible officer. */
  assuranceRequest: 'assuranceRequest',
  /** A reproducible dip sample of actions chosen for PAI follow-up. */
  dipSample: 'dipSample',
  /** A stored report tally and the registry of them (app/reports/report-summaries.ts), kept current on each write. */
  reportSummary: 'reportSummary',
  /** The PAI's assurance decision for one theme on one quarter's theme report. */
  themeDecision: 'themeDecision',
  /** A partnership-wide setting the bot keeps (e.g. which conversation is the PAI channel). */
  setting: 'setting',
  // Section 11 (issue 11).
  /** A versioned Section 11 framework: standards and rating scale. */
  s11Framework: 's11Framework',
  /** A yearly Section 11 audit cycle. */
  s11Cycle: 's11Cycle',
  /** One agency's Section 11 return in one cycle. */
  s11Return: 's11Return',
  // Reminder digests (issue 8).
  /** Where a recipient's last digest left off: what became due after it is news in the next one. */
  digestCursor: 'digestCursor',
  /** Delivery counts of outbox messages the retention sweep deleted, by policy and agency. */
  deliveryTotals: 'deliveryTotals',
  // Scrutiny (issue 12)
  /** A piece of scrutiny: themes, tools, stage, feedback, inspection reviews, findings, recommendations. */
  scrutinyPiece: 'scrutinyPiece',
  /** One agency's case file audit of one case in a piece: a grade per domain. */
  scrutinyCaseAudit: 'scrutinyCaseAudit',
  /** One agency's self-evaluation for a piece. */
  scrutinySelfEvaluation: 'scrutinySelfEvaluation',
  /** An immediate concern about a child's safety raised in a case file audit. */
  scrutinyConcern: 'scrutinyConcern',
} as const;
