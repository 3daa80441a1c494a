/** Every Action.Execute / Action.Submit verb the cards use; each has one handler (checked in tests). */
export const CARD_VERBS = [
  'review.create',
  'action.create',
  'action.refresh',
  'action.update',
  'action.agree',
  'action.assure',
  'action.challenge',
  'action.close',
  'action.withdraw',
  'report.more',
  'report.share',
  'report.file',
  'theme.decide',
  'reminder.snooze',
  'reminder.handover',
  'assurance.respond',
  'assurance.evaluate',
  // Issue 14 (reports helper): Back from an action card to the list it was opened from.
  'action.list',
] as const;

export type CardVerb = (typeof CARD_VERBS)[number];
