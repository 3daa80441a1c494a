import {
  addDays,
  addMonthsClamped,
  addTwelveMonths,
  addWorkingDays,
  checkCoverage,
  compareDates,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  isWorkingDay,
  londonDateOf,
  parseFlexibleDate,
  parseReportingYear,
  quarterOf,
  reportingYearOf,
  toLondonDate,
  workingDaysBetween,
  yearlyReportDue,
  type IsoDate,
} from '../../../src/domain/calendar';
import { ValidationError } from '../../../src/domain/errors';
import type { HolidayCalendar } from '../../../src/ports/holiday-calendar';

// England and Wales bank holidays 2025–2027 (gov.uk/bank-holidays, england-and-wales); the adapter test checks
// the bundled data gives the same list.
const EW_2025_2027 = [
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
];

function stubHolidays(dates: readonly IsoDate[], from: IsoDate, to: IsoDate): HolidayCalendar {
  const set = new Set(dates);
  return { isHoliday: (date) => set.has(date), coverage: () => ({ from, to }) };
}

const holidays = stubHolidays(EW_2025_2027, '2025-01-01', '2027-12-31');
const weekendsOnly = stubHolidays([], '2000-01-01', '2099-12-31');

function expectValidationError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(code);
    return;
  }
  throw new Error(`expected ValidationError ${code}`);
}

describe('isIsoDate', () => {
  it.each([
    ['2026-03-31', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-1', false],
    ['31/03/2026', false],
    ['2026-03-31T00:00:00Z', false],
    ['', false],
    [20260331, false],
    [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('parseFlexibleDate', () => {
  it.each([
    ['2026-03-31', '2026-03-31'],
    ['31/03/2026', '2026-03-31'],
    ['1/4/2026', '2026-04-01'],
    ['  29/02/2028 ', '2028-02-29'],
    ['29/02/2026', undefined],
    ['31/02/2026', undefined],
    ['31/04/2026', undefined],
    ['2026-02-30', undefined],
    ['12/13/2026', undefined],
    ['31-03-2026', undefined],
    ['31/03/26', undefined],
    ['2026-3-31', undefined],
    ['tomorrow', undefined],
    ['', undefined],
  ])('%p -> %p', (text, expected) => {
    expect(parseFlexibleDate(text)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-05-01', 0, '2026-05-01'],
    ['2026-05-01', 365, '2027-05-01'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-05-01', '2026-04-01', -30],
    ['2025-04-01', '2026-04-01', 365],
    ['2027-04-01', '2028-04-01', 366],
  ])('daysBetween(%s, %s) = %i (no daylight-saving drift)', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-01', '2026-01-01', 0],
    ['2025-12-31', '2026-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-01-01', 4],
    ['2026-01-10', 6],
    ['2026-01-11', 0],
    ['2000-02-29', 2],
    ['2028-02-29', 2],
  ])('dayOfWeek(%s) = %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('refuses impossible dates and fractional counts with a stable code', () => {
    expectValidationError(() => addDays('2026-02-30', 1), 'CALENDAR.INVALID_DATE');
    expectValidationError(() => daysBetween('31/03/2026', '2026-04-01'), 'CALENDAR.INVALID_DATE');
    expectValidationError(() => addDays('2026-02-01', 1.5), 'CALENDAR.INVALID_NUMBER');
    expectValidationError(() => addMonthsClamped('2026-02-01', 0.5), 'CALENDAR.INVALID_NUMBER');
  });
});

describe('month arithmetic', () => {
  it.each([
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-15', 6, '2026-11-15'],
    ['2026-10-31', 4, '2027-02-28'],
    ['2026-12-31', 6, '2027-06-30'],
    ['2026-11-30', -3, '2026-08-30'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('addMonthsClamped(%s, %i) = %s (LCSPR 6-month target clamps to month end)', (date, n, expected) => {
    expect(addMonthsClamped(date, n)).toBe(expected);
  });

  it.each([
    ['2024-02-29', '2025-02-28'],
    ['2028-02-29', '2029-02-28'],
    ['2027-02-28', '2028-02-28'],
    ['2025-03-31', '2026-03-31'],
    ['2026-12-26', '2027-12-26'],
  ])('addTwelveMonths(%s) = %s (same date next year, 29 Feb -> 28 Feb)', (date, expected) => {
    expect(addTwelveMonths(date)).toBe(expected);
  });
});

describe('London dates of instants', () => {
  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-06-30T22:59:59Z', '2026-06-30'],
    ['2026-12-31T23:30:00Z', '2026-12-31'],
    ['2026-03-29T00:30:00Z', '2026-03-29'],
    ['2026-10-24T23:00:00Z', '2026-10-25'],
    ['2026-10-25T23:30:00Z', '2026-10-25'],
  ])('%s falls on %s in Europe/London', (instant, expected) => {
    expect(londonDateOf(new Date(instant))).toBe(expected);
  });

  it.each([
    ['2026-05-01', '2026-05-01'],
    ['2026-05-01T23:15:00.000Z', '2026-05-02'],
    ['2026-05-01T23:15:00+01:00', '2026-05-01'],
  ])('toLondonDate(%s) = %s', (value, expected) => {
    expect(toLondonDate(value)).toBe(expected);
  });

  it('refuses values that are neither a date nor an instant', () => {
    expectValidationError(() => toLondonDate('yesterday'), 'CALENDAR.INVALID_DATE');
    expectValidationError(() => londonDateOf(new Date('nonsense')), 'CALENDAR.INVALID_DATE');
  });
});

describe('working days (England and Wales)', () => {
  it.each([
    ['2025-12-24', true, 'Christmas Eve, Wednesday'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-26', false, 'Boxing Day'],
    ['2025-12-27', false, 'Saturday'],
    ['2026-01-01', false, "New Year's Day"],
    ['2026-01-02', true, 'Friday after New Year'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-05', false, 'Easter Sunday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-04', false, 'Early May bank holiday'],
    ['2026-05-25', false, 'Spring bank holiday'],
    ['2026-08-31', false, 'Summer bank holiday'],
    ['2026-12-28', false, 'Boxing Day substitute'],
    ['2026-12-29', true, 'Tuesday after the substitute day'],
    ['2026-03-17', true, "St Patrick's Day (Northern Ireland only)"],
  ])('%s working day: %p (%s)', (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  it.each([
    ['2025-12-19', 5, '2025-12-30', 'Friday before Christmas 2025'],
    ['2025-12-24', 1, '2025-12-29', 'Christmas Eve 2025 to the next working day'],
    ['2025-12-31', 1, '2026-01-02', "over New Year's Day 2026"],
    ['2025-12-15', 15, '2026-01-08', 'rapid review due across Christmas 2025'],
    ['2026-12-23', 3, '2026-12-30', 'Christmas 2026 with the Boxing Day substitute'],
    ['2026-12-24', 1, '2026-12-29', 'Christmas Eve 2026'],
    ['2026-12-31', 1, '2027-01-04', "New Year's Day 2027 on a Friday"],
    ['2026-12-14', 15, '2027-01-07', 'rapid review due across Christmas 2026'],
    ['2026-04-02', 1, '2026-04-07', 'over Easter 2026'],
    ['2026-03-30', 5, '2026-04-08', 'Easter week 2026'],
    ['2026-03-20', 15, '2026-04-14', 'rapid review due across Easter 2026'],
    ['2026-05-01', 1, '2026-05-05', 'Early May bank holiday 2026'],
    ['2026-05-22', 1, '2026-05-26', 'Spring bank holiday 2026'],
    ['2026-04-27', 20, '2026-05-27', 'both May bank holidays 2026'],
    ['2026-01-10', 1, '2026-01-12', 'SIN on a Saturday'],
    ['2026-01-10', 15, '2026-01-30', 'rapid review due from a Saturday SIN'],
    ['2026-01-11', 5, '2026-01-16', 'SIN on a Sunday'],
    ['2025-12-25', 0, '2025-12-25', 'n = 0 keeps the date even on a holiday'],
    ['2026-01-02', -1, '2025-12-31', 'counting back over New Year'],
    ['2026-04-07', -1, '2026-04-02', 'counting back over Easter'],
    ['2026-01-12', -7, '2025-12-31', 'seven working days before'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, holidays)).toBe(expected);
  });

  it.each([
    ['2028-02-28', 1, '2028-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2028-02-25', 2, '2028-02-29'],
  ])('leap day: addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, weekendsOnly)).toBe(expected);
  });

  it.each([
    ['2025-12-24', '2025-12-29', 1],
    ['2025-12-15', '2026-01-08', 15],
    ['2026-04-02', '2026-04-06', 0],
    ['2026-05-01', '2026-05-01', 0],
    ['2026-01-08', '2025-12-15', -15],
    ['2026-04-07', '2026-04-02', -1],
  ])('workingDaysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(workingDaysBetween(a, b, holidays)).toBe(expected);
  });

  it('workingDaysBetween inverts addWorkingDays, forwards and backwards, over December 2025 to January 2027', () => {
    const mismatches: string[] = [];
    for (let start = '2025-12-01'; compareDates(start, '2027-01-15') <= 0; start = addDays(start, 3)) {
      for (const n of [0, 1, 2, 5, 10, 15, 20]) {
        const forward = addWorkingDays(start, n, holidays);
        const back = addWorkingDays(start, -n, holidays);
        if (workingDaysBetween(start, forward, holidays) !== n) mismatches.push(`${start}+${n}`);
        if (workingDaysBetween(start, back, holidays) !== -n) mismatches.push(`${start}-${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('warns when a date is outside the bank holiday data', () => {
    expect(checkCoverage('2026-06-01', holidays)).toBeUndefined();
    expect(checkCoverage('2025-01-01', holidays)).toBeUndefined();
    expect(checkCoverage('2027-12-31', holidays)).toBeUndefined();
    expect(checkCoverage('2028-01-03', holidays)).toContain('2028-01-03');
    expect(checkCoverage('2024-12-31', holidays)).toContain('2025-01-01 to 2027-12-31');
  });
});

describe('reporting years and quarters (1 April – 31 March)', () => {
  it.each([
    ['2026-03-31', '2025/26', '2025-04-01', '2026-03-31'],
    ['2026-04-01', '2026/27', '2026-04-01', '2027-03-31'],
    ['2026-01-01', '2025/26', '2025-04-01', '2026-03-31'],
    ['2025-12-31', '2025/26', '2025-04-01', '2026-03-31'],
    ['2028-02-29', '2027/28', '2027-04-01', '2028-03-31'],
    ['1999-04-01', '1999/00', '1999-04-01', '2000-03-31'],
  ])('%s is in %s', (date, label, start, end) => {
    expect(reportingYearOf(date)).toEqual({ label, start, end });
  });

  it.each([
    ['2026-03-31', 4, '2025/26', '2026-01-01', '2026-03-31'],
    ['2026-04-01', 1, '2026/27', '2026-04-01', '2026-06-30'],
    ['2026-06-30', 1, '2026/27', '2026-04-01', '2026-06-30'],
    ['2026-07-01', 2, '2026/27', '2026-07-01', '2026-09-30'],
    ['2026-09-30', 2, '2026/27', '2026-07-01', '2026-09-30'],
    ['2026-10-01', 3, '2026/27', '2026-10-01', '2026-12-31'],
    ['2026-12-31', 3, '2026/27', '2026-10-01', '2026-12-31'],
    ['2027-01-01', 4, '2026/27', '2027-01-01', '2027-03-31'],
    ['2028-02-29', 4, '2027/28', '2028-01-01', '2028-03-31'],
  ])('%s is Q%i of %s (%s to %s)', (date, quarter, yearLabel, start, end) => {
    expect(quarterOf(date)).toEqual({ yearLabel, quarter, label: `Q${quarter} ${yearLabel}`, start, end });
  });

  it.each([
    ['2025/26', { label: '2025/26', start: '2025-04-01', end: '2026-03-31' }],
    ['2025-2026', { label: '2025/26', start: '2025-04-01', end: '2026-03-31' }],
    [' 2099/00 ', { label: '2099/00', start: '2099-04-01', end: '2100-03-31' }],
    ['2025/27', undefined],
    ['2025', undefined],
    ['last year', undefined],
  ])('parseReportingYear(%p)', (label, expected) => {
    expect(parseReportingYear(label)).toEqual(expected);
  });

  it.each([
    ['2026-03-31', '2026-06-30'],
    ['2027-03-31', '2027-06-30'],
  ])('yearly report for the year ending %s is due %s', (yearEnd, due) => {
    expect(yearlyReportDue(yearEnd)).toBe(due);
  });
});
