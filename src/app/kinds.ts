/** Record kinds in the store: one name each, used by every use case. */
export const KIND = {
  member: 'member',
  agency: 'agency',
  theme: 'theme',
  conversation: 'conversation',
  audit: 'audit',
  review: 'review',
  action: 'action',
} as const;
