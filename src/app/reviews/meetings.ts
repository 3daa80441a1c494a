import { compareDates, parseFlexibleDate } from '../../domain/calendar';
import { AlreadyExistsError, ValidationError } from '../../domain/errors';
import { Meeting, MEETING_TYPE_LABELS, meetingIdOf, MeetingType, parseMeetingType } from '../../domain/reviews/meeting';
import type { Actor } from '../../domain/directory/member';
import { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { assertCanManageProgramme, assertRegistered } from '../kernel/permissions';

/** `meetings`: the meetings from today on, soonest first (the PAI digest goes before each PAI meeting). */
export async function listMeetings(ctx: AppContext, actor: Actor): Promise<Stored<Meeting>[]> {
  assertRegistered(actor);
  const today = todayOf(ctx);
  const meetings = await ctx.stores.meetings.all();
  return meetings.filter((meeting) => compareDates(meeting.date, today) >= 0).sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
}

/** `meeting add <date> [type]`: the business unit records a meeting; a PAI meeting gets a digest beforehand. */
export async function addMeeting(ctx: AppContext, actor: Actor, args: string): Promise<Meeting> {
  assertCanManageProgramme(actor);
  const [dateText = '', ...rest] = args.trim().split(/\s+/);
  const date = parseFlexibleDate(dateText);
  if (!date) throw new ValidationError('Give the meeting date as YYYY-MM-DD (or DD/MM/YYYY), e.g. "meeting add 2027-01-14".', { field: 'date' }, 'MEETING.DATE_INVALID');
  if (compareDates(date, todayOf(ctx)) < 0) throw new ValidationError('That date has passed: add meetings from today on.', { field: 'date' }, 'MEETING.DATE_PAST');
  const type: MeetingType = rest.length ? parseMeetingType(rest.join(' ')) : 'PAI';
  const now = ctx.clock.now().toISOString();
  const meeting: Meeting = { id: meetingIdOf(date, type), date, type, title: MEETING_TYPE_LABELS[type], createdAt: now, createdBy: actor.aadObjectId };
  try {
    await ctx.stores.commit([
      ctx.stores.meetings.op.create(meeting),
      auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.meeting, subjectId: meeting.id, operation: 'create', after: { date, type } }),
    ]);
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      throw new ValidationError(`A ${MEETING_TYPE_LABELS[type]} is already recorded on ${date}.`, { field: 'date' }, 'MEETING.ALREADY_EXISTS');
    }
    throw error;
  }
  return meeting;
}
