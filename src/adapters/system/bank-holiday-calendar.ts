import Holidays from 'date-holidays';
import { dayOfWeek, type IsoDate } from '../../domain/calendar';
import type { HolidayCalendar } from '../../ports/holiday-calendar';

/** Options for the bundled England and Wales bank holiday calendar. */
export interface BankHolidayCalendarOptions {
  /** First covered year (default 2015). */
  fromYear?: number;
  /** Last covered year, inclusive (default 2040). */
  toYear?: number;
  /** One-off days proclaimed after the bundled data was published (e.g. a future royal occasion). */
  extraHolidays?: readonly IsoDate[];
}

const DEFAULT_FROM_YEAR = 2015;
const DEFAULT_TO_YEAR = 2040;

function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * England and Wales bank holidays (docs/design/domain.md §5) from the bundled date-holidays data, so working days are known
 * offline. 'public' days for GB-ENG include substitute days and one-off days (2022-09-19 state funeral,
 * 2023-05-08 coronation); 'observance' days such as Mothering Sunday are not days off and are left out.
 * A Christmas or New Year's Day falling at a weekend is dropped in favour of its substitute, as in the gov.uk feed.
 */
export class BankHolidayCalendar implements HolidayCalendar {
  private readonly dates: ReadonlySet<IsoDate>;
  private readonly fromYear: number;
  private readonly toYear: number;

  constructor(options: BankHolidayCalendarOptions = {}) {
    this.fromYear = options.fromYear ?? DEFAULT_FROM_YEAR;
    this.toYear = options.toYear ?? DEFAULT_TO_YEAR;
    if (!Number.isInteger(this.fromYear) || !Number.isInteger(this.toYear) || this.fromYear > this.toYear) {
      throw new RangeError('BankHolidayCalendar needs whole years with fromYear <= toYear.');
    }
    const source = new Holidays('GB', 'ENG');
    const dates = new Set<IsoDate>(options.extraHolidays ?? []);
    for (let year = this.fromYear; year <= this.toYear; year += 1) {
      for (const holiday of source.getHolidays(year)) {
        const date = holiday.date.slice(0, 10);
        if (holiday.type === 'public' && !isWeekend(date)) dates.add(date);
      }
    }
    this.dates = dates;
  }

  isHoliday(date: IsoDate): boolean {
    return this.dates.has(date);
  }

  coverage(): { from: IsoDate; to: IsoDate } {
    return { from: `${this.fromYear}-01-01`, to: `${this.toYear}-12-31` };
  }

  /** The covered holidays in date order, for an admin page or a comparison with the gov.uk feed. */
  list(): IsoDate[] {
    return [...this.dates].sort();
  }
}
