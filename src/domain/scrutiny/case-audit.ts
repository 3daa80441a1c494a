import { parseEnum } from '../enum-text';

/** Ofsted key-judgement scale (docs/design/domain.md §2 AuditGrade). */
export const AUDIT_GRADES = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;
export type AuditGrade = (typeof AUDIT_GRADES)[number];

export const AUDIT_GRADE_LABELS: Readonly<Record<AuditGrade, string>> = Object.freeze({
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
});

/** The default audit domains (a setting: SCRUTINY_AUDIT_DOMAINS). */
export const DEFAULT_AUDIT_DOMAINS = ['VOICE_OF_THE_CHILD', 'ASSESSMENT', 'PLANNING_AND_INTERVENTION', 'JOINT_WORKING', 'MANAGEMENT_OVERSIGHT', 'IMPACT'] as const;

/** `VOICE_OF_THE_CHILD` as `Voice of the child`. */
export function domainLabel(domain: string): string {
  const words = domain.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function parseAuditGrade(text: string): AuditGrade {
  return parseEnum(AUDIT_GRADES, text, 'grade', 'SCRUTINY.GRADE_UNKNOWN');
}

/** One of the configured domains, typed in any case. */
export function parseAuditDomain(text: string, domains: readonly string[]): string {
  return parseEnum(domains, text, 'audit domain', 'SCRUTINY.DOMAIN_UNKNOWN');
}

/** One agency's audit of one case in one piece: a grade per domain, good practice and areas for development. */
export interface CaseAudit {
  id: string;
  pieceId: string;
  caseCode: string;
  agencyId: string;
  grades: Record<string, AuditGrade>;
  goodPractice?: string;
  areasForDevelopment?: string;
  updatedBy: string;
  updatedAt: string;
}

export function caseAuditIdOf(pieceId: string, caseCode: string, agencyId: string): string {
  return `${pieceId}--${caseCode.toLowerCase()}--${agencyId}`;
}

/** An immediate concern about a child's safety raised during an audit; it blocks closing until dealt with. */
export interface ImmediateConcern {
  id: string;
  pieceId: string;
  caseCode: string;
  agencyId: string;
  summary: string;
  raisedBy: string;
  raisedAt: string;
  dealtWith?: { by: string; at: string; note: string };
}

export function isOpenConcern(concern: Pick<ImmediateConcern, 'dealtWith'>): boolean {
  return concern.dealtWith === undefined;
}

/** Counts of each grade and the share good or better, for one domain or one agency. */
export interface GradeFigures {
  key: string;
  counts: Record<AuditGrade, number>;
  total: number;
  /** Outstanding plus good, as a whole percentage of the grades given (undefined with no grades). */
  goodOrBetterPct?: number;
}

function emptyCounts(): Record<AuditGrade, number> {
  return { OUTSTANDING: 0, GOOD: 0, REQUIRES_IMPROVEMENT: 0, INADEQUATE: 0 };
}

function figuresOf(key: string, grades: readonly AuditGrade[]): GradeFigures {
  const counts = emptyCounts();
  for (const grade of grades) counts[grade] += 1;
  const total = grades.length;
  const good = counts.OUTSTANDING + counts.GOOD;
  return { key, counts, total, goodOrBetterPct: total === 0 ? undefined : Math.round((good * 100) / total) };
}

/** Grades by domain, in the order of the configured domains (a grade on a domain no longer configured is left out). */
export function gradesByDomain(audits: readonly Pick<CaseAudit, 'grades'>[], domains: readonly string[]): GradeFigures[] {
  return domains.map((domain) => figuresOf(domain, audits.map((audit) => audit.grades[domain]).filter((grade): grade is AuditGrade => grade !== undefined)));
}

/** Grades by agency over every configured domain, in the order given. */
export function gradesByAgency(audits: readonly Pick<CaseAudit, 'grades' | 'agencyId'>[], agencyIds: readonly string[], domains: readonly string[]): GradeFigures[] {
  return agencyIds.map((agencyId) =>
    figuresOf(
      agencyId,
      audits
        .filter((audit) => audit.agencyId === agencyId)
        .flatMap((audit) => domains.map((domain) => audit.grades[domain]))
        .filter((grade): grade is AuditGrade => grade !== undefined),
    ),
  );
}

/** `75%`, or `-` when nothing is graded. */
export function percentText(value: number | undefined): string {
  return value === undefined ? '-' : `${value}%`;
}

/** An audit counts as complete once every configured domain has a grade. */
export function isAuditComplete(audit: Pick<CaseAudit, 'grades'> | undefined, domains: readonly string[]): boolean {
  return audit !== undefined && domains.every((domain) => audit.grades[domain] !== undefined);
}
