import { DomainError } from '../domain/errors';

/**
 * A refusal the user can put right by changing what they entered (a value the rules refused, personal data, a
 * duplicate, a change someone else made first), as opposed to one they cannot: not allowed (AUTH.*), nothing there
 * (*NOT_FOUND), or a card the bot did not make (CARD.*). The one list every handler goes by.
 */
export function canPutRight(error: unknown): error is DomainError {
  return error instanceof DomainError && !error.code.startsWith('AUTH.') && !error.code.endsWith('NOT_FOUND') && !error.code.startsWith('CARD.');
}

/**
 * For forms and edit cards only: a refusal the user can put right comes back as the card again, with the reason and
 * what they typed, so nothing is lost; every other error goes on to the seam's one wrapper (bot/teams/create-bot-app.ts),
 * which turns it into the error card.
 */
export async function orShowAgain<T>(run: () => Promise<T>, showAgain: (error: DomainError) => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!canPutRight(error)) throw error;
    return showAgain(error);
  }
}
