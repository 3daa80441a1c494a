import { daysBetween } from '../../domain/calendar';
import { isAuditComplete, isOpenConcern } from '../../domain/scrutiny/case-audit';
import { dateText } from '../../domain/scrutiny/piece';
import type { DigestEntry, DigestSource } from '../reminders/digest-entry';
import { listCaseAudits, listConcerns, listPieces, listSelfEvaluations } from './records';

/** Deadlines within this many days (or past) are worth a digest line. */
const WITHIN_DAYS = 14;

/**
 * Scrutiny lines for the daily digest (issue 8 seam): open immediate concerns to the lead and the PAI channel; the
 * evidence deadline to each taking-part agency with cases still to grade or a self-evaluation still to return; the
 * evidence and report deadlines to the lead. Reads only; the same day gives the same lines.
 */
export const scrutinyDigest: DigestSource = async ({ ctx, today }) => {
  const [pieces, audits, concerns] = await Promise.all([listPieces(ctx), listCaseAudits(ctx), listConcerns(ctx)]);
  const domains = ctx.settings.scrutiny.auditDomains;
  const entries: DigestEntry[] = [];
  for (const piece of pieces.filter((item) => item.stage !== 'CLOSED').sort((a, b) => a.ref.localeCompare(b.ref))) {
    const command = `scrutiny ${piece.ref}`;
    for (const concern of concerns.filter((item) => item.pieceId === piece.id && isOpenConcern(item))) {
      const urgency = -daysBetween(concern.raisedAt.slice(0, 10), today) - 100;
      const line = { urgency, section: 'Scrutiny', title: `Immediate concern open in ${piece.ref}, case ${concern.caseCode}`, detail: `Raised ${dateText(concern.raisedAt)}; record it as dealt with before the piece can close`, command };
      entries.push({ to: { kind: 'member', memberId: piece.leadId }, ...line }, { to: { kind: 'pai-channel' }, ...line });
    }
    const gathering = ['AGREED', 'EVIDENCE'].includes(piece.stage);
    const evidenceIn = daysBetween(today, piece.evidenceDue);
    if (gathering && evidenceIn <= WITHIN_DAYS) {
      const selfEvaluated = piece.tools.includes('SELF_EVALUATION') ? new Set((await listSelfEvaluations(ctx, piece.id)).map((item) => item.agencyId)) : undefined;
      for (const agencyId of piece.agencyIds) {
        const toGrade = piece.tools.includes('CASE_FILE_AUDIT')
          ? piece.caseCodes.filter((code) => !isAuditComplete(audits.find((audit) => audit.pieceId === piece.id && audit.caseCode === code && audit.agencyId === agencyId), domains)).length
          : 0;
        const selfEvaluationDue = selfEvaluated !== undefined && !selfEvaluated.has(agencyId);
        if (!toGrade && !selfEvaluationDue) continue;
        const parts = [...(toGrade ? [`${toGrade} case${toGrade === 1 ? '' : 's'} to grade`] : []), ...(selfEvaluationDue ? ['self-evaluation to return'] : [])];
        entries.push({ to: { kind: 'agency-channel', agencyId }, urgency: evidenceIn, section: 'Scrutiny', title: `${piece.title}: ${parts.join(', ')}`, detail: `Evidence due ${dateText(piece.evidenceDue)}`, command });
      }
      entries.push({ to: { kind: 'member', memberId: piece.leadId }, urgency: evidenceIn, section: 'Scrutiny', title: `${piece.ref} evidence due ${dateText(piece.evidenceDue)}`, detail: piece.title, command });
    }
    const reportIn = daysBetween(today, piece.reportDue);
    if (['TRIANGULATION', 'REPORT'].includes(piece.stage) && reportIn <= WITHIN_DAYS) {
      entries.push({ to: { kind: 'member', memberId: piece.leadId }, urgency: reportIn, section: 'Scrutiny', title: `${piece.ref} report due ${dateText(piece.reportDue)}`, detail: piece.title, command });
    }
  }
  return entries;
};
