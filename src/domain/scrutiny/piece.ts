import { compareDates, isIsoDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import { parseEnum } from '../enum-text';

/** The kinds of evidence a piece of scrutiny gathers (docs/design/domain.md §3 ScrutinyPiece.tools). */
export const SCRUTINY_TOOLS = ['SELF_EVALUATION', 'CASE_FILE_AUDIT', 'PRACTITIONER_FEEDBACK', 'CHILD_FEEDBACK', 'PARENT_CARER_FEEDBACK', 'INSPECTION_REVIEW'] as const;
export type ScrutinyTool = (typeof SCRUTINY_TOOLS)[number];

export const SCRUTINY_TOOL_LABELS: Readonly<Record<ScrutinyTool, string>> = Object.freeze({
  SELF_EVALUATION: 'Agency self-evaluation',
  CASE_FILE_AUDIT: 'Case file audit',
  PRACTITIONER_FEEDBACK: 'Practitioner feedback',
  CHILD_FEEDBACK: 'Feedback from children',
  PARENT_CARER_FEEDBACK: 'Feedback from parents and carers',
  INSPECTION_REVIEW: 'Inspection or audit review',
});

/** The feedback tools: feedback is recorded per source with respondents and a summary. */
export const FEEDBACK_SOURCES = ['PRACTITIONER_FEEDBACK', 'CHILD_FEEDBACK', 'PARENT_CARER_FEEDBACK'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/** Scrutiny piece lifecycle (docs/design/domain.md §4). */
export const SCRUTINY_STAGES = ['PROPOSED', 'AGREED', 'EVIDENCE', 'TRIANGULATION', 'REPORT', 'ACTION_PLAN', 'MONITORING', 'CLOSED'] as const;
export type ScrutinyStage = (typeof SCRUTINY_STAGES)[number];

export const SCRUTINY_STAGE_LABELS: Readonly<Record<ScrutinyStage, string>> = Object.freeze({
  PROPOSED: 'Proposed',
  AGREED: 'Agreed',
  EVIDENCE: 'Gathering evidence',
  TRIANGULATION: 'Triangulation',
  REPORT: 'Report',
  ACTION_PLAN: 'Action plan',
  MONITORING: 'Monitoring',
  CLOSED: 'Closed',
});

export const FINDING_KINDS = ['STRENGTH', 'AREA_FOR_DEVELOPMENT', 'RISK'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Readonly<Record<FindingKind, string>> = Object.freeze({
  STRENGTH: 'Strength',
  AREA_FOR_DEVELOPMENT: 'Area for development',
  RISK: 'Risk',
});

/** One item of evidence a finding rests on: the tool and which item (an agency id, case code, `F1`, `I1`). */
export interface EvidenceRef {
  tool: ScrutinyTool;
  ref: string;
}

export interface FeedbackRecord {
  /** `F1`, `F2`, ... within the piece. */
  id: string;
  source: FeedbackSource;
  respondents: number;
  summary: string;
  recordedBy: string;
  recordedAt: string;
}

/** A review of another inspection or audit: a link to the document and a summary (the bot holds no document bodies). */
export interface InspectionReview {
  /** `I1`, `I2`, ... within the piece. */
  id: string;
  title: string;
  url: string;
  summary: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Finding {
  number: number;
  kind: FindingKind;
  text: string;
  evidence: EvidenceRef[];
  recordedBy: string;
  recordedAt: string;
}

/** Who takes a recommendation on: one action per owner when it is agreed. */
export interface RecommendationOwner {
  agencyId: string;
  officerId: string;
}

export interface ScrutinyRecommendation {
  number: number;
  text: string;
  findingNumbers: number[];
  owners: RecommendationOwner[];
  successMeasure: string;
  targetDate: IsoDate;
  agreedOn?: IsoDate;
  agreedBy?: string;
  /** Ids of the actions (source SCRUTINY) created when it was agreed. */
  actionIds: string[];
}

export interface StageChange {
  from: ScrutinyStage;
  to: ScrutinyStage;
  by: string;
  on: string;
}

/** A piece of scrutiny (docs/design/domain.md §3 ScrutinyPiece). Case audits, self-evaluations and concerns are records of their own. */
export interface ScrutinyPiece {
  id: string;
  ref: string;
  /** Reporting year label, `2026/27` (April to March). */
  period: string;
  title: string;
  themes: string[];
  tools: ScrutinyTool[];
  leadId: string;
  agencyIds: string[];
  evidenceDue: IsoDate;
  reportDue: IsoDate;
  stage: ScrutinyStage;
  stageHistory: StageChange[];
  /** Case codes in the case file audit (`C1`, `C2`, ...); the key to the child stays outside the bot. */
  caseCodes: string[];
  feedback: FeedbackRecord[];
  inspectionReviews: InspectionReview[];
  findings: Finding[];
  recommendations: ScrutinyRecommendation[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

const REF_PATTERN = /^[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,10}){1,4}$/;

/** A piece's ref: letters, digits and hyphens such as `SCR-2026-1`, stored upper-case. */
export function validateScrutinyRef(text: string): string {
  const ref = text.trim().toUpperCase();
  if (!REF_PATTERN.test(ref)) {
    throw new ValidationError('A scrutiny ref is letters and digits in hyphen-separated parts, such as SCR-2026-1.', { field: 'ref' }, 'SCRUTINY.REF_INVALID');
  }
  return ref;
}

export function looksLikeScrutinyRef(text: string): boolean {
  return REF_PATTERN.test(text.trim().toUpperCase()) && /\d/.test(text);
}

export function scrutinyIdOf(ref: string): string {
  return ref.trim().toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** The next free ref in a reporting year: `SCR-2026-1`, `SCR-2026-2`, ... */
export function nextScrutinyRef(startYear: number, existingRefs: readonly string[]): string {
  const prefix = `SCR-${startYear}-`;
  const used = existingRefs.filter((ref) => ref.startsWith(prefix)).map((ref) => Number(ref.slice(prefix.length))).filter(Number.isInteger);
  return `${prefix}${used.length ? Math.max(...used) + 1 : 1}`;
}

export function parseScrutinyTool(text: string): ScrutinyTool {
  return parseEnum(SCRUTINY_TOOLS, text, 'scrutiny tool', 'SCRUTINY.TOOL_UNKNOWN');
}

export function parseFeedbackSource(text: string): FeedbackSource {
  return parseEnum(FEEDBACK_SOURCES, text, 'feedback source', 'SCRUTINY.SOURCE_UNKNOWN');
}

export function parseFindingKind(text: string): FindingKind {
  return parseEnum(FINDING_KINDS, text, 'finding kind', 'SCRUTINY.FINDING_KIND');
}

/** Semicolon-separated tools, each any case; duplicates dropped, at least one. */
export function parseScrutinyTools(text: string): ScrutinyTool[] {
  const tools: ScrutinyTool[] = [];
  for (const part of text.split(/[;,]/).map((item) => item.trim()).filter(Boolean)) {
    const tool = parseScrutinyTool(part);
    if (!tools.includes(tool)) tools.push(tool);
  }
  if (tools.length === 0) throw new ValidationError('A piece of scrutiny uses at least one tool.', { field: 'tools', allowed: SCRUTINY_TOOLS }, 'SCRUTINY.TOOLS_REQUIRED');
  return tools;
}

export interface NewPieceInput {
  ref: string;
  period: string;
  title: string;
  themes: string[];
  tools: ScrutinyTool[];
  leadId: string;
  agencyIds: string[];
  evidenceDue: IsoDate;
  reportDue: IsoDate;
}

/** A proposed piece, checked: a title, tools, a lead, taking-part agencies and an evidence date before the report date. */
export function proposePiece(input: NewPieceInput, ctx: { by: string; on: string }): ScrutinyPiece {
  const problems: string[] = [];
  if (!input.title.trim()) problems.push('a title');
  if (input.tools.length === 0) problems.push('at least one tool');
  if (!input.leadId) problems.push('a lead');
  if (input.agencyIds.length === 0) problems.push('at least one taking-part agency');
  if (!isIsoDate(input.evidenceDue)) problems.push('an evidence due date');
  if (!isIsoDate(input.reportDue)) problems.push('a report due date');
  if (problems.length) throw new ValidationError(`A piece of scrutiny needs ${problems.join(', ')}.`, { missing: problems }, 'SCRUTINY.FIELDS_REQUIRED');
  if (compareDates(input.reportDue, input.evidenceDue) < 0) {
    throw new ValidationError('The report is due after the evidence, not before.', { field: 'reportDue' }, 'SCRUTINY.DATES_ORDER');
  }
  const ref = validateScrutinyRef(input.ref);
  return {
    id: scrutinyIdOf(ref),
    ref,
    period: input.period,
    title: input.title.trim(),
    themes: [...new Set(input.themes)],
    tools: [...new Set(input.tools)],
    leadId: input.leadId,
    agencyIds: [...new Set(input.agencyIds)],
    evidenceDue: input.evidenceDue,
    reportDue: input.reportDue,
    stage: 'PROPOSED',
    stageHistory: [],
    caseCodes: [],
    feedback: [],
    inspectionReviews: [],
    findings: [],
    recommendations: [],
    createdAt: ctx.on,
    createdBy: ctx.by,
    updatedAt: ctx.on,
    updatedBy: ctx.by,
  };
}

/** The stage after this one, or undefined once closed. */
export function nextStage(stage: ScrutinyStage): ScrutinyStage | undefined {
  return SCRUTINY_STAGES[SCRUTINY_STAGES.indexOf(stage) + 1];
}

/** What a move needs beyond the piece itself. */
export interface StageFacts {
  /** Immediate concerns about a child's safety not yet recorded as dealt with. */
  openConcerns: number;
}

function refuse(code: string, message: string, piece: ScrutinyPiece, to: ScrutinyStage): InvalidTransitionError {
  return new InvalidTransitionError(code, message, { from: piece.stage, to });
}

/**
 * A piece moves forward one stage at a time. Triangulation needs evidence gathered; the report needs findings; the
 * action plan needs recommendations; monitoring needs every recommendation agreed; closing needs no open immediate concern.
 */
export function moveStage(piece: ScrutinyPiece, to: ScrutinyStage, facts: StageFacts, ctx: { by: string; on: string }): ScrutinyPiece {
  if (nextStage(piece.stage) !== to) {
    throw refuse('SCRUTINY.INVALID_STAGE', `A piece at ${SCRUTINY_STAGE_LABELS[piece.stage]} cannot move to ${SCRUTINY_STAGE_LABELS[to]}: it moves one stage at a time.`, piece, to);
  }
  if (to === 'REPORT' && piece.findings.length === 0) {
    throw refuse('SCRUTINY.FINDINGS_REQUIRED', 'Record at least one finding before the report stage.', piece, to);
  }
  if (to === 'ACTION_PLAN' && piece.recommendations.length === 0) {
    throw refuse('SCRUTINY.RECOMMENDATIONS_REQUIRED', 'Record at least one recommendation before the action plan stage.', piece, to);
  }
  if (to === 'MONITORING' && piece.recommendations.some((recommendation) => !recommendation.agreedOn)) {
    throw refuse('SCRUTINY.RECOMMENDATIONS_NOT_AGREED', 'Agree every recommendation (which creates its actions) before monitoring.', piece, to);
  }
  if (to === 'CLOSED' && facts.openConcerns > 0) {
    throw refuse('SCRUTINY.OPEN_CONCERN', `The piece cannot close: ${facts.openConcerns} immediate concern${facts.openConcerns === 1 ? ' is' : 's are'} not yet recorded as dealt with.`, piece, to);
  }
  return {
    ...piece,
    stage: to,
    stageHistory: [...piece.stageHistory, { from: piece.stage, to, by: ctx.by, on: ctx.on }],
    updatedAt: ctx.on,
    updatedBy: ctx.by,
  };
}

/** Evidence can be added while the piece is agreed and not yet past triangulation. */
export function assertGathering(piece: ScrutinyPiece): void {
  if (!['AGREED', 'EVIDENCE', 'TRIANGULATION'].includes(piece.stage)) {
    throw new InvalidTransitionError('SCRUTINY.NOT_GATHERING', `Evidence is recorded from Agreed to Triangulation; this piece is at ${SCRUTINY_STAGE_LABELS[piece.stage]}.`, { stage: piece.stage });
  }
}

export function assertUsesTool(piece: ScrutinyPiece, tool: ScrutinyTool): void {
  if (!piece.tools.includes(tool)) {
    throw new ValidationError(`This piece does not use ${SCRUTINY_TOOL_LABELS[tool].toLowerCase()}.`, { field: 'tool' }, 'SCRUTINY.TOOL_NOT_USED');
  }
}

/** The programme for one reporting period against the target (a setting, 3 by default). */
export interface ProgrammeSummary {
  period: string;
  target: number;
  pieces: number;
  /** Pieces short of the target (0 when met). */
  shortBy: number;
  byStage: Record<ScrutinyStage, number>;
}

export function programmeSummary(period: string, pieces: readonly Pick<ScrutinyPiece, 'period' | 'stage'>[], target: number): ProgrammeSummary {
  const inPeriod = pieces.filter((piece) => piece.period === period);
  const byStage = Object.fromEntries(SCRUTINY_STAGES.map((stage) => [stage, 0])) as Record<ScrutinyStage, number>;
  for (const piece of inPeriod) byStage[piece.stage] += 1;
  return { period, target, pieces: inPeriod.length, shortBy: Math.max(0, target - inPeriod.length), byStage };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-30` as `30 Nov 2026`, as cards show dates; anything else as given. */
export function dateText(date: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : (date ?? '');
}
