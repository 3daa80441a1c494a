import { describeDates, parsePeriod, periodId } from '../../../src/domain/period';
import { ValidationError } from '../../../src/domain/errors';

const TODAY = '2026-11-20'; // in Q3 2026/27

describe('parsePeriod: forgiving forms typed in a meeting', () => {
  it.each([
    ['', 'any', 'Q3 2026/27', '2026-10-01', '2026-12-31'],
    ['Q2', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['q4', 'any', 'Q4 2025/26', '2026-01-01', '2026-03-31'], // the most recent Q4 that has started
    ['Q3', 'any', 'Q3 2026/27', '2026-10-01', '2026-12-31'],
    ['Q2 2026/27', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['q2 2026-27', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['2026 Q3', 'any', 'Q3 2026/27', '2026-10-01', '2026-12-31'],
    ['Q1 2025', 'any', 'Q1 2025/26', '2025-04-01', '2025-06-30'],
    ['quarter 2 2026/27', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['last quarter', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['Last  Quarter', 'quarter', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['previous quarter', 'any', 'Q2 2026/27', '2026-07-01', '2026-09-30'],
    ['this quarter', 'any', 'Q3 2026/27', '2026-10-01', '2026-12-31'],
    ['next quarter', 'any', 'Q4 2026/27', '2027-01-01', '2027-03-31'],
    ['2025/26', 'any', '2025/26', '2025-04-01', '2026-03-31'],
    ['2025-26', 'year', '2025/26', '2025-04-01', '2026-03-31'],
    ['2025/2026', 'year', '2025/26', '2025-04-01', '2026-03-31'],
    ['25/26', 'year', '2025/26', '2025-04-01', '2026-03-31'],
    ['FY2025/26', 'year', '2025/26', '2025-04-01', '2026-03-31'],
    ['last year', 'year', '2025/26', '2025-04-01', '2026-03-31'],
    ['this year', 'year', '2026/27', '2026-04-01', '2027-03-31'],
    ['', 'year', '2026/27', '2026-04-01', '2027-03-31'],
  ] as const)('"%s" (expecting %s) is %s', (text, wanted, label, start, end) => {
    const period = parsePeriod(text, { today: TODAY, expect: wanted });
    expect({ label: period.label, start: period.start, end: period.end }).toEqual({ label, start, end });
  });

  it.each([
    ['Q5', 'Q3 2026/27'],
    ['2026', '2026/27'],
    ['2025/27', '2025/26'],
    ['lst quarter', 'Q2 2026/27'],
    ['banana', 'Q3 2026/27'],
  ])('"%s" is refused with the suggestion %s, never a stack trace', (text, suggestion) => {
    let error: unknown;
    try {
      parsePeriod(text, { today: TODAY });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('PERIOD.UNKNOWN');
    expect((error as ValidationError).details.suggestion).toBe(suggestion);
    expect((error as ValidationError).message).toContain(`Did you mean ${suggestion}`);
    // What was typed is never echoed (it might hold personal data).
    if (/[a-z]{4,}/.test(text)) expect((error as ValidationError).message).not.toContain(text);
  });

  it('refuses a quarter where a year is expected, suggesting the year it belongs to, and the reverse', () => {
    expect(() => parsePeriod('Q2', { today: TODAY, expect: 'year' })).toThrow(/Did you mean 2026\/27/);
    expect(() => parsePeriod('2025/26', { today: TODAY, expect: 'quarter' })).toThrow(/Did you mean Q4 2025\/26/);
  });

  it('round-trips labels and gives stable ids and readable dates', () => {
    const period = parsePeriod('2026 Q3', { today: TODAY });
    expect(parsePeriod(period.label, { today: TODAY })).toEqual(period);
    expect(periodId(period)).toBe('q3-2026-27');
    expect(describeDates(period)).toBe('1 Oct 2026 to 31 Dec 2026');
  });
});
