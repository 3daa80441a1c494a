import { addDays, addWorkingDays, compareDates, isWorkingDay, type HolidayCalendar, type IsoDate } from '../calendar';
import type { S11Stage } from './cycle';
import type { S11ReturnStatus } from './return';

/** Chasing rules of issue 11, item 5. */
export const S11_CHASE = Object.freeze({
  /** Working days before the due date of the two reminders. */
  beforeDueWorkingDays: [10, 3] as readonly number[],
  /** After the last of those, again every this many calendar days while not submitted. */
  repeatEveryDays: 7,
  /** Once this many chases went out, the PAI digest names the agency. */
  paiAfterChases: 2,
});

/** The next working day on or after a date. */
function onOrAfterWorkingDay(date: IsoDate, holidays: HolidayCalendar): IsoDate {
  let day = date;
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/**
 * The days an agency that has not submitted is chased, up to `until`: the day the cycle opens, 10 and 3 working days
 * before the due date, then weekly after that. Days before the cycle opened are dropped; each day appears once.
 */
export function chaseDays(openedOn: IsoDate, dueDate: IsoDate, until: IsoDate, holidays: HolidayCalendar): IsoDate[] {
  const days = new Set<IsoDate>([openedOn]);
  const before = S11_CHASE.beforeDueWorkingDays.map((n) => addWorkingDays(dueDate, -n, holidays));
  for (const day of before) if (compareDates(day, openedOn) > 0) days.add(day);
  const last = before[before.length - 1];
  for (let week = 1; ; week += 1) {
    const day = onOrAfterWorkingDay(addDays(last, week * S11_CHASE.repeatEveryDays), holidays);
    if (compareDates(day, until) > 0) break;
    if (compareDates(day, openedOn) > 0) days.add(day);
  }
  return [...days].filter((day) => compareDates(day, until) <= 0).sort(compareDates);
}

/** What a chase day means for one agency: whether it is chased today, how often so far, and whether the PAI hears. */
export interface ChaseDecision {
  chaseToday: boolean;
  /** Chases up to and including today. */
  chasesSoFar: number;
  /** True on a chase day once two earlier chases went unanswered: the PAI digest names the agency. */
  tellPai: boolean;
  /** The first chase, on the day the cycle opens (the invitation day). */
  isOpeningDay: boolean;
}

/** Nobody is chased once their return is in, nor after returns close. */
export function chaseDecision(
  input: { stage: S11Stage; status: S11ReturnStatus; openedOn: IsoDate; dueDate: IsoDate; today: IsoDate },
  holidays: HolidayCalendar,
): ChaseDecision {
  const none: ChaseDecision = { chaseToday: false, chasesSoFar: 0, tellPai: false, isOpeningDay: false };
  if (input.stage !== 'OPEN' || (input.status !== 'NOT_STARTED' && input.status !== 'DRAFT')) return none;
  if (compareDates(input.today, input.openedOn) < 0) return none;
  const days = chaseDays(input.openedOn, input.dueDate, input.today, holidays);
  const chaseToday = days[days.length - 1] === input.today;
  const chasesSoFar = days.length;
  return { chaseToday, chasesSoFar, tellPai: chaseToday && chasesSoFar > S11_CHASE.paiAfterChases, isOpeningDay: input.today === input.openedOn };
}
