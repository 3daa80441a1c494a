import { isOpen } from '../../domain/actions/action';
import type { Actor } from '../../domain/directory/member';
import { domainLabel, gradesByDomain, isAuditComplete, isOpenConcern, percentText } from '../../domain/scrutiny/case-audit';
import { dateText, FEEDBACK_SOURCES, FINDING_KIND_LABELS, nextStage, SCRUTINY_STAGE_LABELS, SCRUTINY_TOOL_LABELS, type ScrutinyPiece, type ScrutinyStage } from '../../domain/scrutiny/piece';
import { evidenceOptions, sourcesText, triangulationLabel, type EvidenceOption } from '../../domain/scrutiny/triangulation';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { agencyName, loadLookups, memberName } from '../directory/lookups';
import { canHoldActionIn } from '../kernel/permissions';
import type { Choice } from './new-piece';
import { assertCanRead, canActForAgency, canRunPiece } from './permissions';
import { findPiece, listCaseAudits, listConcerns, listSelfEvaluations } from './records';

export interface Line {
  title: string;
  detail: string;
}

/** `scrutiny <ref>`: one piece in full, with the controls the user's role allows. */
export interface PieceView {
  piece: Stored<ScrutinyPiece>;
  facts: { title: string; value: string }[];
  stageLabel: string;
  next?: { stage: ScrutinyStage; label: string };
  canRun: boolean;
  /** The user's own agency, when it takes part and they act for it: their case audits and self-evaluation. */
  myAgency?: { id: string; name: string; cases: { code: string; done: boolean }[]; selfEvaluated: boolean; usesSelfEvaluation: boolean };
  usesCaseAudit: boolean;
  cases: Line[];
  /** Grades by domain as four short columns: domain, graded, good or better, inadequate. */
  grades: { domain: string; graded: number; goodOrBetter: string; inadequate: number }[];
  evidence: Line[];
  evidenceOptions: EvidenceOption[];
  findings: Line[];
  findingChoices: Choice[];
  recommendations: (Line & { number: number; agreed: boolean })[];
  openConcerns: { id: string; title: string; detail: string }[];
  owners: Choice[];
  feedbackSources: Choice[];
}

/** The piece for this user: everyone registered reads; the lead, PAI chair and business unit get the controls. */
export async function showPiece(ctx: AppContext, actor: Actor, ref: string): Promise<PieceView> {
  assertCanRead(actor);
  const piece = await findPiece(ctx, ref);
  const [audits, concerns, selfEvaluations, lookups, actions] = await Promise.all([
    listCaseAudits(ctx, piece.id),
    listConcerns(ctx, piece.id),
    listSelfEvaluations(ctx, piece.id),
    loadLookups(ctx),
    ctx.stores.actions.pick(['status', 'origin'], { where: { sourceType: 'SCRUTINY' } }),
  ]);
  const domains = ctx.settings.scrutiny.auditDomains;
  const statusOf = new Map(actions.map((action) => [action.id, action.status]));
  const next = nextStage(piece.stage);
  const canRun = canRunPiece(actor, piece);
  const gradedCodes = [...new Set(audits.map((audit) => audit.caseCode))];
  const auditOf = (code: string, agencyId: string) => audits.find((audit) => audit.caseCode === code && audit.agencyId === agencyId);
  const agencyNames = piece.agencyIds.map((id) => agencyName(lookups, id));
  const mine = actor.agencyId && canActForAgency(actor, piece, actor.agencyId) ? actor.agencyId : undefined;
  const options = evidenceOptions(
    piece,
    selfEvaluations.map((item) => ({ agencyId: item.agencyId, agencyName: agencyName(lookups, item.agencyId) })),
    gradedCodes,
  );
  return {
    piece,
    stageLabel: SCRUTINY_STAGE_LABELS[piece.stage],
    next: next ? { stage: next, label: SCRUTINY_STAGE_LABELS[next] } : undefined,
    canRun,
    facts: [
      { title: 'Period', value: piece.period },
      { title: 'Stage', value: SCRUTINY_STAGE_LABELS[piece.stage] },
      { title: 'Lead', value: memberName(lookups, piece.leadId) },
      { title: 'Themes', value: piece.themes.map((id) => lookups.themes.get(id)?.name ?? id).join('; ') || 'None' },
      { title: 'Tools', value: piece.tools.map((tool) => SCRUTINY_TOOL_LABELS[tool]).join('; ') },
      { title: 'Agencies', value: agencyNames.join('; ') },
      { title: 'Evidence due', value: dateText(piece.evidenceDue) },
      { title: 'Report due', value: dateText(piece.reportDue) },
    ],
    myAgency: mine
      ? {
          id: mine,
          name: agencyName(lookups, mine),
          cases: piece.caseCodes.map((code) => ({ code, done: isAuditComplete(auditOf(code, mine), domains) })),
          selfEvaluated: selfEvaluations.some((item) => item.agencyId === mine),
          usesSelfEvaluation: piece.tools.includes('SELF_EVALUATION'),
        }
      : undefined,
    usesCaseAudit: piece.tools.includes('CASE_FILE_AUDIT'),
    cases: piece.caseCodes.map((code) => {
      const done = piece.agencyIds.filter((agencyId) => isAuditComplete(auditOf(code, agencyId), domains)).length;
      return { title: `Case ${code}`, detail: `${done} of ${piece.agencyIds.length} agencies graded` };
    }),
    grades: gradesByDomain(audits, domains).map((row) => ({ domain: domainLabel(row.key), graded: row.total, goodOrBetter: percentText(row.goodOrBetterPct), inadequate: row.counts.INADEQUATE })),
    evidence: [
      ...selfEvaluations.map((item) => ({ title: `Self-evaluation: ${agencyName(lookups, item.agencyId)}`, detail: `${item.evidenceLinks.length} evidence link${item.evidenceLinks.length === 1 ? '' : 's'} · ${dateText(item.updatedAt)}` })),
      ...piece.feedback.map((item) => ({ title: `${item.id} · ${SCRUTINY_TOOL_LABELS[item.source]}`, detail: `${item.respondents} respondent${item.respondents === 1 ? '' : 's'}: ${item.summary}` })),
      ...piece.inspectionReviews.map((item) => ({ title: `${item.id} · ${item.title}`, detail: item.summary })),
    ],
    evidenceOptions: options,
    findings: piece.findings.map((finding) => ({
      title: `F${finding.number} · ${FINDING_KIND_LABELS[finding.kind]} · ${triangulationLabel(finding)}`,
      detail: `${finding.text}\nSources: ${sourcesText(finding)}`,
    })),
    findingChoices: piece.findings.map((finding) => ({ title: `F${finding.number}: ${finding.text.slice(0, 60)}`, value: String(finding.number) })),
    recommendations: piece.recommendations.map((item) => {
      const closed = item.actionIds.filter((id) => statusOf.get(id) === 'CLOSED').length;
      const open = item.actionIds.filter((id) => { const status = statusOf.get(id); return status !== undefined && isOpen(status); }).length;
      return {
        number: item.number,
        agreed: item.agreedOn !== undefined,
        title: `R${item.number} · ${item.agreedOn ? `agreed ${dateText(item.agreedOn)}` : 'not agreed yet'} · findings ${item.findingNumbers.map((number) => `F${number}`).join(', ')}`,
        detail: `${item.text}\n${item.owners.map((owner) => memberName(lookups, owner.officerId)).join('; ')} · target ${dateText(item.targetDate)}${item.actionIds.length ? ` · actions: ${closed} closed, ${open} open of ${item.actionIds.length}` : ''}`,
      };
    }),
    openConcerns: concerns.filter(isOpenConcern).map((concern) => ({
      id: concern.id,
      title: `Case ${concern.caseCode} · ${agencyName(lookups, concern.agencyId)}`,
      detail: `Raised ${dateText(concern.raisedAt)}: ${concern.summary}`,
    })),
    owners: [...lookups.members.values()]
      .filter((member) => member.agencyId && canHoldActionIn(member, member.agencyId))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((member) => ({ title: `${member.name} · ${agencyName(lookups, member.agencyId)}`, value: member.id })),
    feedbackSources: FEEDBACK_SOURCES.filter((source) => piece.tools.includes(source)).map((source) => ({ title: SCRUTINY_TOOL_LABELS[source], value: source })),
  };
}

