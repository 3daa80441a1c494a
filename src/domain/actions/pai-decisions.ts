import type { ActionStatus } from './action';

/** The PAI's decisions on an action (README, action cards): taken only by the PAI chair or the business unit. */
export type PaiDecision = 'agree' | 'assure' | 'challenge' | 'close' | 'withdraw' | 'supersede';

const DECISION_BY_TARGET: Partial<Record<ActionStatus, PaiDecision>> = {
  AGREED: 'agree',
  IMPACT_EVIDENCED: 'assure',
  CLOSED: 'close',
  WITHDRAWN: 'withdraw',
  SUPERSEDED: 'supersede',
};

/** Sending submitted evidence or evidenced impact back to in progress is the PAI's challenge. */
const CHALLENGED_FROM: ReadonlySet<ActionStatus> = new Set(['EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED']);

/**
 * The one rule for which moves are the PAI's: the decision a move from `from` to `to` amounts to, or undefined when an
 * editor (the responsible officer or their agency) may make it. It works on parsed statuses, so no spelling of a
 * status ("impact evidenced", "Impact-Evidenced") gets round it.
 */
export function paiDecisionOf(from: ActionStatus, to: ActionStatus): PaiDecision | undefined {
  if (from === to) return undefined;
  if (to === 'IN_PROGRESS') return CHALLENGED_FROM.has(from) ? 'challenge' : undefined;
  return DECISION_BY_TARGET[to];
}
