import { newRecommendation, parseRecommendationNumber, recommendationIdOf } from '../../../src/domain/reviews/recommendation';

const context = { by: 'lsbu', on: '2026-11-25T10:00:00.000Z' };

describe('recommendations', () => {
  it.each([
    ['3', 3], ['R3', 3], ['r12', 12], [' 7 ', 7], ['99', 99],
    ['0', undefined], ['100', undefined], ['three', undefined], ['3.5', undefined], ['', undefined], ['R', undefined],
  ])('reads %p as recommendation %p', (text, expected) => {
    expect(parseRecommendationNumber(text)).toBe(expected);
  });

  it('is keyed by review and number, trims its text and keeps themes once', () => {
    const item = newRecommendation({ reviewId: 'lscp-rr-2026-01', number: 2, text: '  Share information on the day  ', themes: ['neglect', 'neglect'] }, context);
    expect(item).toMatchObject({ id: recommendationIdOf('lscp-rr-2026-01', 2), number: 2, text: 'Share information on the day', themes: ['neglect'], createdBy: 'lsbu' });
    expect(item.id).toBe('lscp-rr-2026-01-r2');
  });

  it.each([
    [{ number: 0, text: 'x' }, 'RECOMMENDATION.NUMBER_INVALID'],
    [{ number: 1.5, text: 'x' }, 'RECOMMENDATION.NUMBER_INVALID'],
    [{ number: 1, text: '   ' }, 'RECOMMENDATION.TEXT_REQUIRED'],
    [{ number: 1, text: 'x'.repeat(2001) }, 'RECOMMENDATION.TEXT_TOO_LONG'],
  ])('refuses %p', (input, code) => {
    expect(() => newRecommendation({ reviewId: 'r', themes: [], ...input }, context)).toThrow(expect.objectContaining({ code }));
  });
});
