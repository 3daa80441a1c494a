import { ValidationError } from './errors';

/** A calendar date in Europe/London, 'YYYY-MM-DD': every deadline in the domain is date-only (docs/design/domain.md §5). */
export type IsoDate = string;

/** An April–March reporting year (docs/design/domain.md §1: Panel and partnership reports run April to March). */
export interface ReportingYear {
  label: string;
  start: IsoDate;
  end: IsoDate;
}

/** A quarter of the reporting year; Q1 is April–June (docs/design/domain.md §1, Lancashire quarters). */
export interface ReportingQuarter {
  yearLabel: string;
  quarter: 1 | 2 | 3 | 4;
  label: string;
  start: IsoDate;
  end: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const REPORTING_YEAR_START_MONTH = 4;

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function invalidDate(field = 'date'): ValidationError {
  return new ValidationError(`The ${field} must be a real date in the form YYYY-MM-DD.`, { field, expected: 'YYYY-MM-DD' }, 'CALENDAR.INVALID_DATE');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function format(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw invalidDate();
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalidDate();
  return [year, month, day];
}

// Day numbers of dates already seen: a report over 100k actions compares the same few thousand dates millions of times,
// and parsing each with a regular expression was a tenth of the quarterly report's time. Only valid dates are kept.
const dayNumbers = new Map<string, number>();
const MAX_REMEMBERED_DATES = 100_000;

function toDayNumber(date: IsoDate): number {
  let dayNumber = dayNumbers.get(date);
  if (dayNumber === undefined) {
    dayNumber = computeDayNumber(date);
    if (dayNumbers.size >= MAX_REMEMBERED_DATES) dayNumbers.clear();
    dayNumbers.set(date, dayNumber);
  }
  return dayNumber;
}

// Proleptic Gregorian day numbers (days since 1970-01-01), after H. Hinnant's civil calendar algorithms.
function computeDayNumber(date: IsoDate): number {
  const [y0, month, day] = parts(date);
  const year = month <= 2 ? y0 - 1 : y0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return format(year, month, day);
}

function requireInteger(n: number, field: string): void {
  if (!Number.isInteger(n)) throw new ValidationError(`The ${field} must be a whole number.`, { field }, 'CALENDAR.INVALID_NUMBER');
}

/** Guards every date crossing the edge: only real dates in 'YYYY-MM-DD' form enter the domain. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Users type UK dates (31/03/2026) as often as ISO ones; anything impossible (31/02/2026) is refused. */
export function parseFlexibleDate(text: string): IsoDate | undefined {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const match = UK_DATE.exec(trimmed);
  if (!match) return undefined;
  const candidate = format(Number(match[3]), Number(match[2]), Number(match[1]));
  return isIsoDate(candidate) ? candidate : undefined;
}

/** Calendar-day arithmetic without time zones or daylight saving. */
export function addDays(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'number of days');
  return fromDayNumber(toDayNumber(date) + n);
}

/** Sort order for dates: negative, zero or positive like Array.prototype.sort expects. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Month arithmetic clamped to the month end, so 31 Aug + 6 months is the last day of February. */
export function addMonthsClamped(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'number of months');
  const [year, month, day] = parts(date);
  const total = year * 12 + (month - 1) + n;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  return format(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** The 12-month follow-up is the same calendar date next year; 29 Feb maps to 28 Feb (docs/design/domain.md §5). */
export function addTwelveMonths(date: IsoDate): IsoDate {
  return addMonthsClamped(date, 12);
}

/** The date an instant falls on in England, so a late-evening UTC instant in summer counts as the next day. */
/** London wall-clock time for "as at" lines on cards and report files. */
export function asAtText(now: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(now)} (UK time)`;
}

export function londonDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw invalidDate('instant');
  const byType = Object.fromEntries(londonFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${byType.year}-${byType.month}-${byType.day}`;
}

/** Records carry either a date or an ISO instant; comparisons need the London date of either. */
export function toLondonDate(value: string): IsoDate {
  if (isIsoDate(value)) return value;
  if (ISO_INSTANT.test(value)) return londonDateOf(new Date(value));
  throw invalidDate();
}

/** 0 = Sunday … 6 = Saturday, as Date.prototype.getUTCDay. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Working day = Monday to Friday excluding England and Wales bank holidays (docs/design/domain.md §5). */
export function isWorkingDay(date: IsoDate, holidays: HolidayCalendar): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !holidays.isHoliday(date);
}

/**
 * Statutory clocks count in working days from the day after the trigger: the trigger is WD 0 (Devon rapid review
 * flowchart). A negative n counts back (e.g. a report due a number of working days before publication).
 */
export function addWorkingDays(date: IsoDate, n: number, holidays: HolidayCalendar): IsoDate {
  requireInteger(n, 'number of working days');
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let remaining = Math.abs(n); remaining > 0; ) {
    day += step;
    if (isWorkingDay(fromDayNumber(day), holidays)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days taken from a to b, the inverse of addWorkingDays: counts working days in (a, b], or minus those in
 * [b, a) when b is earlier. Used for timeliness (rapid review sent within 15 working days of the SIN).
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, holidays: HolidayCalendar): number {
  const start = toDayNumber(a);
  const end = toDayNumber(b);
  let count = 0;
  if (end >= start) {
    for (let day = start + 1; day <= end; day += 1) if (isWorkingDay(fromDayNumber(day), holidays)) count += 1;
    return count;
  }
  for (let day = end; day < start; day += 1) if (isWorkingDay(fromDayNumber(day), holidays)) count += 1;
  return -count;
}

/** Bank holiday data is finite; a deadline computed outside it must say so rather than silently skip holidays. */
export function checkCoverage(date: IsoDate, holidays: HolidayCalendar): string | undefined {
  const { from, to } = holidays.coverage();
  if (compareDates(date, from) >= 0 && compareDates(date, to) <= 0) return undefined;
  return `Bank holiday data covers ${from} to ${to} only, so working days around ${date} ignore bank holidays.`;
}

function yearLabel(startYear: number): string {
  return `${startYear}/${pad((startYear + 1) % 100)}`;
}

/** The April–March reporting year holding a date, labelled like '2025/26' (docs/design/domain.md §1). */
export function reportingYearOf(date: IsoDate): ReportingYear {
  const [year, month] = parts(date);
  const startYear = month >= REPORTING_YEAR_START_MONTH ? year : year - 1;
  return {
    label: yearLabel(startYear),
    start: format(startYear, REPORTING_YEAR_START_MONTH, 1),
    end: addDays(format(startYear + 1, REPORTING_YEAR_START_MONTH, 1), -1),
  };
}

/** Users and report names refer to years as '2025/26'; undefined when the label is malformed or inconsistent. */
export function parseReportingYear(label: string): ReportingYear | undefined {
  const match = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(label.trim());
  if (!match) return undefined;
  const startYear = Number(match[1]);
  const endPart = Number(match[2]);
  const expected = match[2].length === 2 ? (startYear + 1) % 100 : startYear + 1;
  return endPart === expected ? reportingYearOf(format(startYear, REPORTING_YEAR_START_MONTH, 1)) : undefined;
}

/** The reporting quarter of a date: quarterly theme reports cover actions as at the quarter end (docs/design/domain.md §5). */
export function quarterOf(date: IsoDate): ReportingQuarter {
  const [, month] = parts(date);
  const year = reportingYearOf(date);
  const quarter = (Math.floor((((month - REPORTING_YEAR_START_MONTH) % 12) + 12) % 12 / 3) + 1) as 1 | 2 | 3 | 4;
  const start = addMonthsClamped(year.start, (quarter - 1) * 3);
  return { yearLabel: year.label, quarter, label: `Q${quarter} ${year.label}`, start, end: addDays(addMonthsClamped(start, 3), -1) };
}

/** WT2023 ch.2 [R]: the yearly report is published within 3 months of the period end, i.e. 30 June after 31 March. */
export function yearlyReportDue(yearEnd: IsoDate): IsoDate {
  return addMonthsClamped(yearEnd, 3);
}

/**
 * Non-working days other than weekends. Working days exclude England and Wales bank holidays (docs/design/domain.md §5).
 * A domain type, so the core needs no port to count working days; the bundled data lives in an adapter.
 */
export interface HolidayCalendar {
  /** True when the date is a bank holiday, substitute day or one-off day in England and Wales. */
  isHoliday(date: IsoDate): boolean;
  /** The inclusive span the data covers; outside it, isHoliday answers false and callers should warn. */
  coverage(): { from: IsoDate; to: IsoDate };
}
