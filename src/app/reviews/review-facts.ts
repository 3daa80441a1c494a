import type { Review } from '../../domain/reviews/review';

/** The review's key facts for the top of its cards: reference and pseudonym only, never case detail. */
export function reviewFacts(review: Review): { title: string; value: string }[] {
  const facts = [
    { title: 'Type', value: review.type },
    { title: 'Status', value: review.status },
    { title: 'SIN date', value: review.sinDate ?? '' },
    { title: 'Rapid review due', value: review.rrDue ?? '' },
    { title: 'Rapid review submitted', value: review.rrSubmittedOn ?? '' },
    { title: 'Decision', value: review.decision ? `${review.decision}${review.decisionDate ? ` on ${review.decisionDate}` : ''}` : '' },
    { title: 'Publication target', value: review.lcsprPublicationTarget ?? '' },
    { title: 'Published', value: review.publishedOn ?? '' },
    { title: '12-month assurance due', value: review.assuranceDue ?? '' },
  ];
  return facts.filter((fact) => fact.value !== '');
}
