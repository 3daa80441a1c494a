import type { IsoDate } from '../domain/calendar';

/**
 * Non-working days other than weekends. Working days exclude England and Wales bank holidays (domain.md §5),
 * so the source (bundled data, gov.uk feed) stays swappable and tests can pin it.
 */
export interface HolidayCalendar {
  /** True when the date is a bank holiday, substitute day or one-off day in England and Wales. */
  isHoliday(date: IsoDate): boolean;
  /** The inclusive span the data covers; outside it, isHoliday answers false and callers should warn. */
  coverage(): { from: IsoDate; to: IsoDate };
}
