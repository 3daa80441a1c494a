import { InvalidTransitionError, ValidationError } from '../errors';
import type { EvidenceRef, FindingKind, ScrutinyPiece } from './piece';

/** A finding is recorded at triangulation, each linked to the evidence behind it. */
export function addFinding(piece: ScrutinyPiece, input: { kind: FindingKind; text: string; evidence: EvidenceRef[] }, ctx: { by: string; on: string }): ScrutinyPiece {
  if (!['EVIDENCE', 'TRIANGULATION'].includes(piece.stage)) {
    throw new InvalidTransitionError('SCRUTINY.NOT_TRIANGULATING', 'Findings are recorded at the evidence and triangulation stages.', { stage: piece.stage });
  }
  if (!input.text.trim()) throw new ValidationError('Write the finding.', { field: 'text' }, 'SCRUTINY.TEXT_REQUIRED');
  if (input.evidence.length === 0) throw new ValidationError('Link the finding to at least one item of evidence.', { field: 'evidence' }, 'SCRUTINY.EVIDENCE_REQUIRED');
  if (piece.findings.some((finding) => finding.kind === input.kind && finding.text === input.text.trim())) {
    throw new ValidationError('This finding is already recorded (a second press of the button?).', { field: 'text' }, 'SCRUTINY.DUPLICATE');
  }
  const number = Math.max(0, ...piece.findings.map((finding) => finding.number)) + 1;
  return {
    ...piece,
    findings: [...piece.findings, { number, kind: input.kind, text: input.text.trim(), evidence: input.evidence, recordedBy: ctx.by, recordedAt: ctx.on }],
    updatedAt: ctx.on,
    updatedBy: ctx.by,
  };
}
