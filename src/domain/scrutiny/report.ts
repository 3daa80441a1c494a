import type { Action } from '../actions/action';
import type { ReportDocument } from '../reports/report-document';
import { AUDIT_GRADE_LABELS, AUDIT_GRADES, domainLabel, gradesByAgency, gradesByDomain, isOpenConcern, percentText, type CaseAudit, type GradeFigures, type ImmediateConcern } from './case-audit';
import { FINDING_KIND_LABELS, programmeSummary, SCRUTINY_STAGE_LABELS, SCRUTINY_TOOL_LABELS, type ProgrammeSummary, type ScrutinyPiece } from './piece';
import { isTriangulated, sourcesText, triangulationLabel } from './triangulation';

/** Names the report prints instead of ids. */
export interface ScrutinyNames {
  agency(id: string): string;
  member(id: string): string;
  theme(id: string): string;
}

export interface ScrutinyReportInput {
  period: string;
  generatedAt: string;
  target: number;
  pieces: readonly ScrutinyPiece[];
  audits: readonly CaseAudit[];
  concerns: readonly ImmediateConcern[];
  actions: readonly Pick<Action, 'id' | 'status'>[];
  domains: readonly string[];
  names: ScrutinyNames;
}

export interface RecommendationRow {
  pieceRef: string;
  number: number;
  text: string;
  findings: string;
  agreed: string;
  actions: number;
  closed: number;
  completionPct?: number;
}

export interface FindingRow {
  pieceRef: string;
  number: number;
  kind: string;
  text: string;
  sources: string;
  triangulated: boolean;
  label: string;
}

export interface ScrutinyReport {
  period: string;
  generatedAt: string;
  summary: ProgrammeSummary;
  pieces: readonly ScrutinyPiece[];
  byDomain: GradeFigures[];
  byAgency: GradeFigures[];
  findings: FindingRow[];
  recommendations: RecommendationRow[];
  openConcerns: number;
}

const DONE = new Set(['CLOSED']);

/** The programme for one reporting year: stages, grades, findings and recommendations (issue 12 item 5). */
export function scrutinyReport(input: ScrutinyReportInput): ScrutinyReport {
  const pieces = input.pieces.filter((piece) => piece.period === input.period).sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const pieceIds = new Set(pieces.map((piece) => piece.id));
  const audits = input.audits.filter((audit) => pieceIds.has(audit.pieceId));
  const agencyIds = [...new Set(audits.map((audit) => audit.agencyId))].sort((a, b) => input.names.agency(a).localeCompare(input.names.agency(b)));
  const statusOf = new Map(input.actions.map((action) => [action.id, action.status]));
  const findings: FindingRow[] = pieces.flatMap((piece) =>
    piece.findings.map((finding) => ({
      pieceRef: piece.ref,
      number: finding.number,
      kind: FINDING_KIND_LABELS[finding.kind],
      text: finding.text,
      sources: sourcesText(finding),
      triangulated: isTriangulated(finding),
      label: triangulationLabel(finding),
    })),
  );
  const recommendations: RecommendationRow[] = pieces.flatMap((piece) =>
    piece.recommendations.map((item) => {
      const closed = item.actionIds.filter((id) => DONE.has(statusOf.get(id) ?? '')).length;
      return {
        pieceRef: piece.ref,
        number: item.number,
        text: item.text,
        findings: item.findingNumbers.map((number) => `F${number}`).join(', '),
        agreed: item.agreedOn ?? '',
        actions: item.actionIds.length,
        closed,
        completionPct: item.actionIds.length ? Math.round((closed * 100) / item.actionIds.length) : undefined,
      };
    }),
  );
  return {
    period: input.period,
    generatedAt: input.generatedAt,
    summary: programmeSummary(input.period, pieces, input.target),
    pieces,
    byDomain: gradesByDomain(audits, input.domains),
    byAgency: gradesByAgency(audits, agencyIds, input.domains),
    findings,
    recommendations,
    openConcerns: input.concerns.filter((concern) => pieceIds.has(concern.pieceId) && isOpenConcern(concern)).length,
  };
}

/** A percentage cell: empty when there is nothing to divide (a lone '-' would read as a formula in a spreadsheet). */
function cellPercent(value: number | undefined): string {
  return value === undefined ? '' : percentText(value);
}

const GRADE_COLUMNS = [...AUDIT_GRADES.map((grade) => AUDIT_GRADE_LABELS[grade]), 'Good or better %'];

function gradeRow(label: string, figures: GradeFigures): (string | number)[] {
  return [label, ...AUDIT_GRADES.map((grade) => figures.counts[grade]), cellPercent(figures.goodOrBetterPct)];
}

/** The programme as the neutral report shape the xlsx, csv and html writers print. */
export function scrutinyDocument(report: ScrutinyReport, names: ScrutinyNames): ReportDocument {
  const s = report.summary;
  return {
    name: 'scrutiny',
    title: `Scrutiny programme, ${report.period}`,
    subtitle: `${s.pieces} of ${s.target} pieces planned${s.shortBy ? ` (${s.shortBy} short of the target)` : ''}`,
    generatedAt: report.generatedAt,
    // The chat cards are the scrutiny programme and piece cards; this document feeds the files only.
    sections: [],
    facts: [
      { title: 'Pieces', value: `${s.pieces} (target ${s.target})` },
      { title: 'Findings', value: `${report.findings.length} (${report.findings.filter((row) => row.triangulated).length} triangulated)` },
      { title: 'Recommendations', value: String(report.recommendations.length) },
      { title: 'Open immediate concerns', value: String(report.openConcerns) },
    ],
    charts: [],
    tables: [
      {
        name: 'Programme',
        title: 'The programme: pieces, stages and themes',
        columns: ['Ref', 'Title', 'Stage', 'Themes', 'Tools', 'Lead', 'Evidence due', 'Report due'],
        rows: report.pieces.map((piece) => [
          piece.ref,
          piece.title,
          SCRUTINY_STAGE_LABELS[piece.stage],
          piece.themes.map(names.theme).join('; '),
          piece.tools.map((tool) => SCRUTINY_TOOL_LABELS[tool]).join('; '),
          names.member(piece.leadId),
          piece.evidenceDue,
          piece.reportDue,
        ]),
        empty: 'No piece of scrutiny in this period.',
      },
      { name: 'Grades by domain', title: 'Case file audit grades by domain', columns: ['Domain', ...GRADE_COLUMNS], rows: report.byDomain.map((row) => gradeRow(domainLabel(row.key), row)) },
      { name: 'Grades by agency', title: 'Case file audit grades by agency', columns: ['Agency', ...GRADE_COLUMNS], rows: report.byAgency.map((row) => gradeRow(names.agency(row.key), row)), empty: 'No case graded yet.' },
      {
        name: 'Findings',
        title: 'Findings, their sources and whether triangulated',
        columns: ['Piece', 'Finding', 'Kind', 'Text', 'Sources', 'Triangulated'],
        rows: report.findings.map((row) => [row.pieceRef, `F${row.number}`, row.kind, row.text, row.sources, row.triangulated ? 'Yes' : 'No (observation)']),
        empty: 'No finding recorded yet.',
      },
      {
        name: 'Recommendations',
        title: 'Recommendations and the completion of their actions',
        columns: ['Piece', 'Recommendation', 'Text', 'Findings', 'Agreed', 'Actions', 'Closed', 'Completion %'],
        rows: report.recommendations.map((row) => [row.pieceRef, `R${row.number}`, row.text, row.findings, row.agreed, row.actions, row.closed, cellPercent(row.completionPct)]),
        empty: 'No recommendation recorded yet.',
      },
    ],
  };
}
