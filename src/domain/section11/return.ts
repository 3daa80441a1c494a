import { isIsoDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import type { S11Stage } from './cycle';
import { S11_RATING_LABELS, standardOf, type S11Framework, type S11Rating } from './framework';
import { isHttpsUrl } from '../links';

/** A return's states (docs/design/domain.md lifecycles): the agency drafts and submits; the PAI queries, moderates and gives feedback. */
export const S11_RETURN_STATUSES = ['NOT_STARTED', 'DRAFT', 'SUBMITTED', 'QUERIED', 'MODERATED', 'FEEDBACK_SENT'] as const;
export type S11ReturnStatus = (typeof S11_RETURN_STATUSES)[number];

export const S11_RETURN_STATUS_LABELS: Readonly<Record<S11ReturnStatus, string>> = Object.freeze({
  NOT_STARTED: 'Not started',
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  QUERIED: 'Queried by the PAI',
  MODERATED: 'Moderated',
  FEEDBACK_SENT: 'Feedback sent',
});

/** Returned = the agency has submitted at least once: the summary counts these. */
export function isReturned(status: S11ReturnStatus): boolean {
  return status === 'SUBMITTED' || status === 'QUERIED' || status === 'MODERATED' || status === 'FEEDBACK_SENT';
}

/** An improvement the agency commits to; at feedback it becomes an action with source SECTION_11. */
export interface S11ImprovementAction {
  description: string;
  targetDate: IsoDate;
  officerEmail: string;
}

/** A PAI question on one standard and the agency's reply. */
export interface S11Query {
  text: string;
  by: string;
  on: string;
  reply?: string;
  repliedBy?: string;
  repliedOn?: string;
}

/** One standard's answer: the agency's self-assessment and, later, the PAI's moderation. */
export interface S11Answer {
  selfRating?: S11Rating;
  evidence?: string;
  /** https links to SharePoint or Teams files; document bodies are never held. */
  evidenceLinks: string[];
  areasForImprovement?: string;
  improvementActions: S11ImprovementAction[];
  /** Copied from last cycle with "Same as last cycle", for the agency to review. */
  copiedFromPrevious?: boolean;
  moderatedRating?: S11Rating;
  moderationNote?: string;
  query?: S11Query;
}

export interface S11SignOff {
  name: string;
  role: string;
}

export interface S11Feedback {
  strengths: string;
  areasForDevelopment: string;
  sentOn: string;
  sentBy: string;
  /** Refs of the actions the agreed improvement actions became. */
  actionRefs: string[];
}

/** One agency's return in one cycle. */
export interface S11Return {
  /** `<cycle id>--<agency id>`. */
  id: string;
  cycleId: string;
  cycleLabel: string;
  agencyId: string;
  status: S11ReturnStatus;
  /** By standard number. */
  answers: Record<string, S11Answer>;
  signedOffBy?: S11SignOff;
  submittedOn?: IsoDate;
  submittedBy?: string;
  feedback?: S11Feedback;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface S11Stamp {
  by: string;
  on: string;
}

export function returnIdOf(cycleId: string, agencyId: string): string {
  return `${cycleId}--${agencyId}`;
}

export function emptyAnswer(): S11Answer {
  return { evidenceLinks: [], improvementActions: [] };
}

export function newReturn(cycle: { id: string; label: string }, agencyId: string, stamp: S11Stamp): S11Return {
  return {
    id: returnIdOf(cycle.id, agencyId),
    cycleId: cycle.id,
    cycleLabel: cycle.label,
    agencyId,
    status: 'NOT_STARTED',
    answers: {},
    createdAt: stamp.on,
    createdBy: stamp.by,
    updatedAt: stamp.on,
    updatedBy: stamp.by,
  };
}

function refuse(code: string, message: string, ret: S11Return): InvalidTransitionError {
  return new InvalidTransitionError(code, message, { status: ret.status });
}

function stamped(ret: S11Return, stamp: S11Stamp): S11Return {
  return { ...ret, updatedAt: stamp.on, updatedBy: stamp.by };
}

function hasText(value: string | undefined): value is string {
  return value !== undefined && value.trim().length > 0;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function requireStandard(framework: Pick<S11Framework, 'standards'>, number: string): string {
  const standard = standardOf(framework, number);
  if (!standard) throw new ValidationError('That standard is not in this cycle’s framework.', { field: 'standard' }, 'S11.STANDARD_UNKNOWN');
  return standard.number;
}

/** What the agency may type for one standard (already checked for personal data by the use case). */
export interface S11AnswerInput {
  selfRating?: S11Rating;
  evidence?: string;
  evidenceLinks?: string[];
  areasForImprovement?: string;
  improvementActions?: S11ImprovementAction[];
}

/** Checks links, dates and emails of an answer; the problems are named by field, never echoing the text. */
export function checkAnswerInput(input: S11AnswerInput, scale: readonly S11Rating[]): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (input.selfRating && !scale.includes(input.selfRating)) problems.push({ field: 'selfRating', reason: 'is not on this framework’s scale' });
  for (const link of input.evidenceLinks ?? []) {
    if (!isHttpsUrl(link)) problems.push({ field: 'evidenceLinks', reason: 'must be https links (a SharePoint or Teams file link)' });
  }
  for (const action of input.improvementActions ?? []) {
    if (!hasText(action.description)) problems.push({ field: 'actionDescription', reason: 'is needed for an improvement action' });
    if (!isIsoDate(action.targetDate)) problems.push({ field: 'actionTargetDate', reason: 'must be a real date' });
    if (!EMAIL.test(action.officerEmail)) problems.push({ field: 'actionOfficerEmail', reason: 'must be a work email address' });
  }
  return problems;
}

/** The agency may write while the cycle is open and the return is not yet submitted. */
export function assertAgencyMayDraft(ret: S11Return, stage: S11Stage): void {
  if (ret.status !== 'NOT_STARTED' && ret.status !== 'DRAFT') {
    throw refuse('S11.RETURN_READ_ONLY', `The return is ${S11_RETURN_STATUS_LABELS[ret.status].toLowerCase()}: it is read-only for the agency unless the PAI queries it.`, ret);
  }
  if (stage !== 'OPEN') throw refuse('S11.CYCLE_NOT_OPEN', 'The cycle is no longer open for returns.', ret);
}

/** Saves a draft answer for one standard; anything not given is left as it was. */
export function saveAnswer(ret: S11Return, framework: Pick<S11Framework, 'standards' | 'scale'>, stage: S11Stage, number: string, input: S11AnswerInput, stamp: S11Stamp): S11Return {
  assertAgencyMayDraft(ret, stage);
  const key = requireStandard(framework, number);
  const problems = checkAnswerInput(input, framework.scale);
  if (problems.length) throw new ValidationError(`Please check: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, { fields: problems.map((p) => p.field) }, 'S11.ANSWER_INVALID');
  const before = ret.answers[key] ?? emptyAnswer();
  const answer: S11Answer = {
    ...before,
    ...(input.selfRating !== undefined ? { selfRating: input.selfRating } : {}),
    ...(input.evidence !== undefined ? { evidence: input.evidence.trim() || undefined } : {}),
    ...(input.evidenceLinks !== undefined ? { evidenceLinks: [...input.evidenceLinks] } : {}),
    ...(input.areasForImprovement !== undefined ? { areasForImprovement: input.areasForImprovement.trim() || undefined } : {}),
    ...(input.improvementActions !== undefined ? { improvementActions: input.improvementActions.map((action) => ({ ...action })) } : {}),
    copiedFromPrevious: false,
  };
  return { ...stamped(ret, stamp), status: 'DRAFT', answers: { ...ret.answers, [key]: answer } };
}

/** "Same as last cycle": copies the previous cycle's self-assessment of one standard, marked for review. */
export function copyPreviousAnswer(ret: S11Return, previous: S11Return | undefined, framework: Pick<S11Framework, 'standards'>, stage: S11Stage, number: string, stamp: S11Stamp): S11Return {
  assertAgencyMayDraft(ret, stage);
  const key = requireStandard(framework, number);
  const last = previous?.answers[key];
  if (!last || !last.selfRating) throw refuse('S11.NO_PREVIOUS_ANSWER', 'There is no answer for this standard in the last cycle to copy.', ret);
  const answer: S11Answer = {
    selfRating: last.selfRating,
    evidence: last.evidence,
    evidenceLinks: [...last.evidenceLinks],
    areasForImprovement: last.areasForImprovement,
    improvementActions: [],
    copiedFromPrevious: true,
  };
  return { ...stamped(ret, stamp), status: 'DRAFT', answers: { ...ret.answers, [key]: answer } };
}

/** What is missing before a return can be submitted, by standard number (empty when it can go). */
export function missingForSubmit(ret: S11Return, framework: Pick<S11Framework, 'standards'>): { standard: string; reason: string }[] {
  const missing: { standard: string; reason: string }[] = [];
  for (const standard of framework.standards) {
    const answer = ret.answers[standard.number];
    if (!answer?.selfRating) missing.push({ standard: standard.number, reason: 'not rated' });
    else if (answer.selfRating !== 'NOT_APPLICABLE' && !hasText(answer.evidence) && answer.evidenceLinks.length === 0) {
      missing.push({ standard: standard.number, reason: `rated ${S11_RATING_LABELS[answer.selfRating].toLowerCase()} without evidence` });
    }
  }
  return missing;
}

/** Submit: every standard rated, evidence for every rating but not applicable, and the senior officer's sign-off. */
export function submitReturn(ret: S11Return, framework: Pick<S11Framework, 'standards'>, stage: S11Stage, signOff: S11SignOff, stamp: S11Stamp): S11Return {
  assertAgencyMayDraft(ret, stage);
  const missing = missingForSubmit(ret, framework);
  if (missing.length) {
    throw new InvalidTransitionError('S11.RETURN_INCOMPLETE', `Not ready to submit: ${missing.map((m) => `standard ${m.standard} ${m.reason}`).join('; ')}.`, { missing });
  }
  if (!hasText(signOff.name) || !hasText(signOff.role)) {
    throw new ValidationError('Name the senior officer who signed the return off, and their role.', { field: 'signOff' }, 'S11.SIGN_OFF_REQUIRED');
  }
  return {
    ...stamped(ret, stamp),
    status: 'SUBMITTED',
    signedOffBy: { name: signOff.name.trim(), role: signOff.role.trim() },
    submittedOn: stamp.on.slice(0, 10),
    submittedBy: stamp.by,
  };
}

function assertModeratable(ret: S11Return, stage: S11Stage): void {
  if (ret.status !== 'SUBMITTED' && ret.status !== 'QUERIED' && ret.status !== 'MODERATED') {
    throw refuse('S11.NOT_MODERATABLE', `A return that is ${S11_RETURN_STATUS_LABELS[ret.status].toLowerCase()} cannot be moderated.`, ret);
  }
  if (stage === 'CLOSED') throw refuse('S11.CYCLE_CLOSED', 'The cycle is closed.', ret);
}

function openQueries(answers: Record<string, S11Answer>): number {
  return Object.values(answers).filter((answer) => answer.query && answer.query.reply === undefined).length;
}

/** MODERATED once every standard has a moderated rating and no query is waiting; otherwise as the queries say. */
function settle(ret: S11Return, framework: Pick<S11Framework, 'standards'>): S11ReturnStatus {
  if (openQueries(ret.answers) > 0) return 'QUERIED';
  const allModerated = framework.standards.every((standard) => ret.answers[standard.number]?.moderatedRating !== undefined);
  return allModerated ? 'MODERATED' : 'SUBMITTED';
}

/** The PAI's moderated rating and note for one standard. */
export function moderateStandard(ret: S11Return, framework: Pick<S11Framework, 'standards' | 'scale'>, stage: S11Stage, number: string, rating: S11Rating, note: string | undefined, stamp: S11Stamp): S11Return {
  assertModeratable(ret, stage);
  const key = requireStandard(framework, number);
  if (!framework.scale.includes(rating)) throw new ValidationError('That rating is not on this framework’s scale.', { field: 'rating' }, 'S11.RATING_INVALID');
  const answer: S11Answer = { ...(ret.answers[key] ?? emptyAnswer()), moderatedRating: rating, moderationNote: note?.trim() || undefined };
  const next = { ...stamped(ret, stamp), answers: { ...ret.answers, [key]: answer } };
  return { ...next, status: settle(next, framework) };
}

/** A PAI question on one standard: the return goes back to the agency for that standard. */
export function queryStandard(ret: S11Return, framework: Pick<S11Framework, 'standards'>, stage: S11Stage, number: string, question: string, stamp: S11Stamp): S11Return {
  assertModeratable(ret, stage);
  const key = requireStandard(framework, number);
  if (!hasText(question)) throw new ValidationError('Write the question for the agency.', { field: 'query' }, 'S11.QUERY_REQUIRED');
  const answer: S11Answer = { ...(ret.answers[key] ?? emptyAnswer()), query: { text: question.trim(), by: stamp.by, on: stamp.on } };
  return { ...stamped(ret, stamp), status: 'QUERIED', answers: { ...ret.answers, [key]: answer } };
}

/** The agency answers a query, and may correct the rating, evidence and links of that standard. */
export function answerQuery(ret: S11Return, framework: Pick<S11Framework, 'standards' | 'scale'>, stage: S11Stage, number: string, reply: string, changes: S11AnswerInput, stamp: S11Stamp): S11Return {
  const key = requireStandard(framework, number);
  const answer = ret.answers[key];
  if (ret.status !== 'QUERIED' || !answer?.query || answer.query.reply !== undefined) {
    throw refuse('S11.NO_OPEN_QUERY', 'There is no open PAI query on this standard.', ret);
  }
  if (stage === 'CLOSED') throw refuse('S11.CYCLE_CLOSED', 'The cycle is closed.', ret);
  if (!hasText(reply)) throw new ValidationError('Write your answer to the PAI’s question.', { field: 'reply' }, 'S11.REPLY_REQUIRED');
  const problems = checkAnswerInput(changes, framework.scale);
  if (problems.length) throw new ValidationError(`Please check: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, { fields: problems.map((p) => p.field) }, 'S11.ANSWER_INVALID');
  const updated: S11Answer = {
    ...answer,
    ...(changes.selfRating !== undefined ? { selfRating: changes.selfRating } : {}),
    ...(hasText(changes.evidence) ? { evidence: changes.evidence.trim() } : {}),
    ...(changes.evidenceLinks?.length ? { evidenceLinks: [...answer.evidenceLinks, ...changes.evidenceLinks] } : {}),
    query: { ...answer.query, reply: reply.trim(), repliedBy: stamp.by, repliedOn: stamp.on },
  };
  const next = { ...stamped(ret, stamp), answers: { ...ret.answers, [key]: updated } };
  return { ...next, status: settle(next, framework) };
}

/** Feedback goes once the return is moderated: the moderated ratings, strengths and areas for development. */
export function recordFeedback(ret: S11Return, stage: S11Stage, feedback: { strengths: string; areasForDevelopment: string; actionRefs: string[] }, stamp: S11Stamp): S11Return {
  if (ret.status !== 'MODERATED') throw refuse('S11.NOT_MODERATED', 'Feedback goes once every standard is moderated and no query is open.', ret);
  if (stage === 'CLOSED') throw refuse('S11.CYCLE_CLOSED', 'The cycle is closed.', ret);
  if (!hasText(feedback.strengths) || !hasText(feedback.areasForDevelopment)) {
    throw new ValidationError('Feedback needs strengths and areas for development.', { field: 'feedback' }, 'S11.FEEDBACK_REQUIRED');
  }
  return {
    ...stamped(ret, stamp),
    status: 'FEEDBACK_SENT',
    feedback: { strengths: feedback.strengths.trim(), areasForDevelopment: feedback.areasForDevelopment.trim(), sentOn: stamp.on, sentBy: stamp.by, actionRefs: [...feedback.actionRefs] },
  };
}

/** Every improvement action in a return, with its standard, in standard order. */
export function improvementActionsOf(ret: S11Return, framework: Pick<S11Framework, 'standards'>): { standard: string; action: S11ImprovementAction; index: number }[] {
  return framework.standards.flatMap((standard) => (ret.answers[standard.number]?.improvementActions ?? []).map((action, index) => ({ standard: standard.number, action, index })));
}
