import { isIsoDate, type IsoDate } from '../calendar';
import { parseEnum } from '../enum-text';
import { ValidationError } from '../errors';

/** Meeting kinds the partnership holds (docs/design/domain.md §3); only PAI meetings get a pre-meeting digest. */
export const MEETING_TYPES = ['PAI', 'ACTION_PLANNING', 'CHALLENGE_PANEL'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Words for meeting types, for lists and cards. */
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  PAI: 'PAI subgroup meeting',
  ACTION_PLANNING: 'Action-planning meeting',
  CHALLENGE_PANEL: 'Challenge panel',
};

/** A dated meeting: digests are timed from it and sign-offs refer to it (docs/design/domain.md §3 Meeting). */
export interface Meeting {
  id: string;
  date: IsoDate;
  type: MeetingType;
  title: string;
  createdAt: string;
  createdBy: string;
}

/**
 * One meeting of a type per day, so the id follows from the date. A PAI meeting keeps the `meeting-<date>` id the
 * assurance card already records on sign-off (src/app/assure-action.ts).
 */
export function meetingIdOf(date: IsoDate, type: MeetingType): string {
  if (!isIsoDate(date)) throw new ValidationError('The meeting date must be a real date in the form YYYY-MM-DD.', { field: 'date' }, 'MEETING.DATE_INVALID');
  return type === 'PAI' ? `meeting-${date}` : `meeting-${date}-${type.toLowerCase().replace(/_/g, '-')}`;
}

/** Accepts any case and spaces or hyphens ("challenge panel", "action-planning"). */
export function parseMeetingType(text: string): MeetingType {
  return parseEnum(MEETING_TYPES, text, 'meeting type', 'MEETING.TYPE_INVALID');
}
