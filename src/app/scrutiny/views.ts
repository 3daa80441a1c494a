import type { AuditGrade } from '../../domain/scrutiny/case-audit';
import type { Payload } from './notify';

/** The case audit card an agency gets for one case: a grade per domain, good practice, areas for development. */
export interface CaseAuditView {
  pieceId: string;
  pieceRef: string;
  pieceTitle: string;
  caseCode: string;
  agencyId: string;
  agencyName: string;
  evidenceDue: string;
  domains: { id: string; label: string; grade?: AuditGrade }[];
  goodPractice: string;
  areasForDevelopment: string;
  /** "Saved 30 Nov 2026 by ..." once graded. */
  status: string;
}

/** The self-evaluation card an agency gets for a piece. */
export interface SelfEvaluationView {
  pieceId: string;
  pieceRef: string;
  pieceTitle: string;
  agencyId: string;
  agencyName: string;
  evidenceDue: string;
  strengths: string;
  areasForDevelopment: string;
  /** One link per line: `https://... description`. */
  evidenceLinks: string;
  status: string;
}

/** The same-day notice of an immediate concern, to the lead and the agency's reps. */
export interface ConcernNoticeView {
  pieceRef: string;
  pieceTitle: string;
  caseCode: string;
  agencyName: string;
  summary: string;
  raisedByName: string;
  raisedAt: string;
}

/** How the use cases turn views into outbox payloads; the bot passes one built from the card templates. */
export interface ScrutinyRender {
  caseAudit(view: CaseAuditView): Payload;
  selfEvaluation(view: SelfEvaluationView): Payload;
  concern(view: ConcernNoticeView): Payload;
}
