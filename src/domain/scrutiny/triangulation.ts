import { ValidationError } from '../errors';
import { SCRUTINY_TOOL_LABELS, type EvidenceRef, type Finding, type ScrutinyPiece, type ScrutinyTool } from './piece';

/** The distinct kinds of tool behind a finding, in the tools' own order. */
export function toolsBehind(finding: Pick<Finding, 'evidence'>): ScrutinyTool[] {
  return [...new Set(finding.evidence.map((item) => item.tool))];
}

/** A finding backed by two or more kinds of tool is triangulated; one kind is an observation. */
export function isTriangulated(finding: Pick<Finding, 'evidence'>): boolean {
  return toolsBehind(finding).length >= 2;
}

export function triangulationLabel(finding: Pick<Finding, 'evidence'>): string {
  const kinds = toolsBehind(finding).length;
  if (kinds === 0) return 'No evidence linked';
  return kinds >= 2 ? `Triangulated (${kinds} kinds of evidence)` : 'Observation (one kind of evidence)';
}

/** The sources behind a finding, in words: "Case file audit, Practitioner feedback". */
export function sourcesText(finding: Pick<Finding, 'evidence'>): string {
  return toolsBehind(finding).map((tool) => SCRUTINY_TOOL_LABELS[tool]).join(', ');
}

/** What a piece holds that a finding may cite: each as `TOOL:ref` with a label. */
export interface EvidenceOption {
  key: string;
  tool: ScrutinyTool;
  ref: string;
  label: string;
}

/**
 * The evidence items a finding may link to: each self-evaluation returned, the case file audit (as a whole and per
 * case), each feedback record and each inspection review.
 */
export function evidenceOptions(
  piece: Pick<ScrutinyPiece, 'feedback' | 'inspectionReviews' | 'caseCodes' | 'tools'>,
  selfEvaluations: readonly { agencyId: string; agencyName: string }[],
  gradedCaseCodes: readonly string[],
): EvidenceOption[] {
  const options: EvidenceOption[] = [];
  const add = (tool: ScrutinyTool, ref: string, label: string) => options.push({ key: `${tool}:${ref}`, tool, ref, label });
  for (const item of selfEvaluations) add('SELF_EVALUATION', item.agencyId, `Self-evaluation: ${item.agencyName}`);
  for (const code of piece.caseCodes.filter((code) => gradedCaseCodes.includes(code))) add('CASE_FILE_AUDIT', code, `Case file audit: case ${code}`);
  for (const item of piece.feedback) add(item.source, item.id, `${SCRUTINY_TOOL_LABELS[item.source]} ${item.id} (${item.respondents} respondent${item.respondents === 1 ? '' : 's'})`);
  for (const item of piece.inspectionReviews) add('INSPECTION_REVIEW', item.id, `Inspection review ${item.id}: ${item.title}`);
  return options;
}

/** Reads `TOOL:ref` keys against the options; unknown keys are refused (a forged card cannot cite evidence that is not there). */
export function readEvidenceKeys(keys: readonly string[], options: readonly EvidenceOption[]): EvidenceRef[] {
  const refs: EvidenceRef[] = [];
  for (const key of keys) {
    const option = options.find((item) => item.key === key);
    if (!option) throw new ValidationError('A finding can only cite evidence recorded for this piece.', { field: 'evidence' }, 'SCRUTINY.EVIDENCE_UNKNOWN');
    if (!refs.some((ref) => ref.tool === option.tool && ref.ref === option.ref)) refs.push({ tool: option.tool, ref: option.ref });
  }
  if (refs.length === 0) throw new ValidationError('Link the finding to at least one item of evidence.', { field: 'evidence' }, 'SCRUTINY.EVIDENCE_REQUIRED');
  return refs;
}
