import { ValidationError } from '../errors';
import { normaliseEnumText } from '../enum-text';

/** The default Section 11 rating scale (docs/design/domain.md S11Rating); identifiers are accepted in any case. */
export const S11_RATINGS = ['FULLY_MET', 'MOSTLY_MET', 'PARTIALLY_MET', 'NOT_MET', 'NOT_APPLICABLE'] as const;
export type S11Rating = (typeof S11_RATINGS)[number];

export const S11_RATING_LABELS: Readonly<Record<S11Rating, string>> = Object.freeze({
  FULLY_MET: 'Fully met',
  MOSTLY_MET: 'Mostly met',
  PARTIALLY_MET: 'Partially met',
  NOT_MET: 'Not met',
  NOT_APPLICABLE: 'Not applicable',
});

/** Card colours for a rating: the word always goes with it (never colour alone). */
export const S11_RATING_COLOURS: Readonly<Record<S11Rating, string>> = Object.freeze({
  FULLY_MET: 'Good',
  MOSTLY_MET: 'Warning',
  PARTIALLY_MET: 'Warning',
  NOT_MET: 'Attention',
  NOT_APPLICABLE: 'Default',
});

/** Order for "better, same or worse" from one cycle to the next; NOT_APPLICABLE has no place on it. */
const RATING_SCORE: Readonly<Record<S11Rating, number | undefined>> = { FULLY_MET: 3, MOSTLY_MET: 2, PARTIALLY_MET: 1, NOT_MET: 0, NOT_APPLICABLE: undefined };

export type RatingChange = 'better' | 'same' | 'worse';

/** The change from the previous cycle's rating, undefined when either is missing or not applicable. */
export function ratingChange(previous: S11Rating | undefined, current: S11Rating | undefined): RatingChange | undefined {
  const before = previous === undefined ? undefined : RATING_SCORE[previous];
  const after = current === undefined ? undefined : RATING_SCORE[current];
  if (before === undefined || after === undefined) return undefined;
  return after > before ? 'better' : after < before ? 'worse' : 'same';
}

/** "fully met", "Fully-Met", "FULLY_MET" all parse; anything else names the allowed values. */
export function parseS11Rating(text: string): S11Rating {
  const wanted = normaliseEnumText(text);
  const found = S11_RATINGS.find((rating) => rating === wanted);
  if (!found) throw new ValidationError(`Unknown rating. Use one of: ${S11_RATINGS.join(', ')}.`, { field: 'rating', allowed: S11_RATINGS }, 'S11.RATING_INVALID');
  return found;
}

export interface S11Standard {
  /** "1" to "8" in the statutory framework; text so a local framework may use "2a". */
  number: string;
  title: string;
  guidance: string;
  /** Optional prompt questions shown under the guidance. */
  questions: string[];
}

/** A versioned list of standards with its rating scale. A version that a cycle uses never changes. */
export interface S11Framework {
  /** `<name>-v<version>`, lower-case. */
  id: string;
  name: string;
  version: number;
  standards: S11Standard[];
  scale: S11Rating[];
  createdAt: string;
  createdBy: string;
}

export function frameworkIdOf(name: string, version: number): string {
  return `${name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-v${version}`;
}

export const STATUTORY_FRAMEWORK_NAME = 'Section 11 statutory standards';

/**
 * The eight statutory key features of Section 11 arrangements, written for this project (docs/design/domain.md Section 11).
 * Guidance and questions are prompts for a self-assessment, not quotations of any published tool.
 */
export const STATUTORY_STANDARDS: readonly S11Standard[] = Object.freeze([
  {
    number: '1',
    title: 'Senior management commitment',
    guidance: 'Senior leaders show that safeguarding and promoting the welfare of children matters in the way the organisation is run and resourced.',
    questions: ['Who at board or executive level leads on safeguarding children?', 'How do leaders check that safeguarding is working?'],
  },
  {
    number: '2',
    title: 'Clear statement of responsibilities',
    guidance: "The organisation's responsibilities towards children are written down and available to all staff, volunteers and contractors.",
    questions: ['Where is the statement published, and when was it last reviewed?'],
  },
  {
    number: '3',
    title: 'Clear line of accountability',
    guidance: 'There is a clear line of accountability for safeguarding work, from practitioners to the board, with named and designated leads.',
    questions: ['How are safeguarding concerns escalated inside the organisation?'],
  },
  {
    number: '4',
    title: 'Service development informed by children and families',
    guidance: 'The views and experiences of children and families shape how services are designed and improved.',
    questions: ['What changed last year because of what children or families told you?'],
  },
  {
    number: '5',
    title: 'Training',
    guidance: 'Staff receive safeguarding training and supervision suited to their role, and the organisation knows who has completed it.',
    questions: ['What share of staff are up to date with training at the right level?'],
  },
  {
    number: '6',
    title: 'Safer recruitment and allegations',
    guidance: 'Safer recruitment is followed for all roles working with children, and allegations against staff are managed with the designated officer.',
    questions: ['How are vetting checks tracked and renewed?', 'How are allegations referred to the designated officer?'],
  },
  {
    number: '7',
    title: 'Inter-agency working',
    guidance: 'The organisation works with partners to safeguard children: it attends multi-agency meetings and follows the partnership procedures.',
    questions: ['How is attendance at strategy discussions and conferences monitored?'],
  },
  {
    number: '8',
    title: 'Information sharing',
    guidance: 'Staff know when and how to share information to protect children, and the organisation supports lawful, timely sharing.',
    questions: ['What guidance do staff have on sharing information without consent when a child is at risk?'],
  },
]);

/** The statutory framework as version 1, the default for a new partnership. */
export function statutoryFramework(createdAt: string, createdBy: string): S11Framework {
  return {
    id: frameworkIdOf(STATUTORY_FRAMEWORK_NAME, 1),
    name: STATUTORY_FRAMEWORK_NAME,
    version: 1,
    standards: STATUTORY_STANDARDS.map((standard) => ({ ...standard, questions: [...standard.questions] })),
    scale: [...S11_RATINGS],
    createdAt,
    createdBy,
  };
}

export function standardOf(framework: Pick<S11Framework, 'standards'>, number: string): S11Standard | undefined {
  const wanted = number.trim().toLowerCase();
  return framework.standards.find((standard) => standard.number.toLowerCase() === wanted);
}
