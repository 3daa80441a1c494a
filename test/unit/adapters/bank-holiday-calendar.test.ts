import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { addWorkingDays } from '../../../src/domain/calendar';

const calendar = new BankHolidayCalendar();

describe('BankHolidayCalendar (England and Wales)', () => {
  it.each([
    ['2025-12-25', 'Christmas Day 2025'],
    ['2025-12-26', 'Boxing Day 2025'],
    ['2026-01-01', "New Year's Day 2026"],
    ['2026-04-03', 'Good Friday 2026'],
    ['2026-04-06', 'Easter Monday 2026'],
    ['2026-05-04', 'Early May bank holiday 2026'],
    ['2026-05-25', 'Spring bank holiday 2026'],
    ['2026-08-31', 'Summer bank holiday 2026'],
    ['2026-12-25', 'Christmas Day 2026'],
    ['2026-12-28', 'Boxing Day 2026 substitute (26th is a Saturday)'],
    ['2027-12-27', 'Christmas Day 2027 substitute (Saturday)'],
    ['2027-12-28', 'Boxing Day 2027 substitute (Sunday)'],
    ['2022-06-03', "Queen's Platinum Jubilee (one-off)"],
    ['2022-06-02', 'Spring bank holiday 2022 moved to Thursday'],
    ['2022-09-19', 'State funeral of Queen Elizabeth II (one-off)'],
    ['2023-05-08', 'Coronation of King Charles III (one-off)'],
    ['2020-05-08', 'Early May bank holiday 2020 moved for VE Day'],
    ['2023-01-02', "New Year's Day 2023 substitute (Sunday)"],
  ])('%s is a bank holiday (%s)', (date) => {
    expect(calendar.isHoliday(date)).toBe(true);
  });

  it.each([
    ['2026-03-17', "St Patrick's Day: Northern Ireland only"],
    ['2026-11-30', "St Andrew's Day: Scotland only"],
    ['2026-01-02', '2 January: Scotland only'],
    ['2026-08-03', 'First Monday of August: Scotland only'],
    ['2026-07-13', 'Battle of the Boyne (observed): Northern Ireland only'],
    ['2026-03-15', 'Mothering Sunday: an observance'],
    ['2026-04-05', 'Easter Sunday: an observance'],
    ['2026-06-21', "Father's Day: an observance"],
    ['2026-12-26', 'Boxing Day 2026 falls on a Saturday: the substitute is the holiday'],
    ['2020-05-04', 'First Monday of May 2020 was moved to VE Day'],
    ['2026-12-24', 'Christmas Eve'],
  ])('%s is not a bank holiday (%s)', (date) => {
    expect(calendar.isHoliday(date)).toBe(false);
  });

  it('gives the gov.uk england-and-wales list for 2025 to 2027 (the stub the domain tests use)', () => {
    expect(calendar.list().filter((date) => date >= '2025-01-01' && date <= '2027-12-31')).toEqual([
      '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
    ]);
  });

  it('has 8 days in a normal year and more in years with one-off days', () => {
    const countIn = (year: number): number => calendar.list().filter((date) => date.startsWith(`${year}-`)).length;
    expect(countIn(2026)).toBe(8);
    expect(countIn(2022)).toBe(10);
    expect(countIn(2023)).toBe(9);
  });

  it('covers 2015 to 2040 by default', () => {
    expect(calendar.coverage()).toEqual({ from: '2015-01-01', to: '2040-12-31' });
    expect(calendar.isHoliday('2015-12-28')).toBe(true);
    expect(calendar.isHoliday('2040-12-25')).toBe(true);
    expect(calendar.isHoliday('2014-12-25')).toBe(false);
    expect(calendar.isHoliday('2041-12-25')).toBe(false);
  });

  it('takes configurable years and extra one-off days', () => {
    const narrow = new BankHolidayCalendar({ fromYear: 2026, toYear: 2026, extraHolidays: ['2026-06-12'] });
    expect(narrow.coverage()).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(narrow.isHoliday('2026-12-28')).toBe(true);
    expect(narrow.isHoliday('2025-12-25')).toBe(false);
    expect(narrow.isHoliday('2026-06-12')).toBe(true);
  });

  it.each([
    [{ fromYear: 2030, toYear: 2020 }],
    [{ fromYear: 2020.5 }],
  ])('refuses an impossible year range %p', (options) => {
    expect(() => new BankHolidayCalendar(options)).toThrow(RangeError);
  });

  it('drives the working-day arithmetic: rapid review due across Christmas 2026', () => {
    expect(addWorkingDays('2026-12-14', 15, calendar)).toBe('2027-01-07');
  });
});
