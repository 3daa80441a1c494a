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
  // Section 11 (issue 11).
  's11.return',
  's11.standard',
  's11.save',
  's11.copy',
  's11.submit',
  's11.moderate',
  's11.answer',
  's11.feedback',
  's11.summary',
  // Issue 14 (reports helper): Back from an action card to the list it was opened from.
  'action.list',
] as const;

export type CardVerb = (typeof CARD_VERBS)[number];
