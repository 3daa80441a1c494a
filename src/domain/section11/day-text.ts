import { isIsoDate } from '../calendar';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Dates on cards read as "30 Nov 2026". */
export function formatDay(date: string): string {
  const day = date.slice(0, 10);
  return isIsoDate(day) ? DAY.format(new Date(`${day}T00:00:00Z`)) : date;
}
