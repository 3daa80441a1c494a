import type { Action } from '../../domain/actions/action';
import { changeStatus, recordUpdate } from '../../domain/actions/action';
import { findByName, type Theme } from '../../domain/directory/agency';
import { reportingYearOf, type IsoDate } from '../../domain/calendar';
import { caseAuditIdOf, type AuditGrade, type CaseAudit, type ImmediateConcern } from '../../domain/scrutiny/case-audit';
import { addFinding } from '../../domain/scrutiny/findings';
import { moveStage, proposePiece, type ScrutinyPiece, type ScrutinyStage } from '../../domain/scrutiny/piece';
import { addRecommendation, agreeRecommendation } from '../../domain/scrutiny/recommendation';
import type { WriteOperation } from '../../ports/document-store';
import { actionIdOf } from '../actions/actions';
import type { AppContext } from '../kernel/app-context';
import { selfEvaluationIdOf, selfEvaluationsOf, type SelfEvaluation } from './records';

/** Who the demo scrutiny uses: the demo partnership's people (see seed-demo-data.ts). */
export interface DemoScrutinyPeople {
  chair: string;
  businessUnit: string;
  police: { id: string; agencyId: string };
  health: { id: string; agencyId: string };
  socialCare: { id: string; agencyId: string };
}

const GRADE_ROWS: Record<string, AuditGrade[]> = {
  // Voice, assessment, planning, joint working, oversight, impact: per case and agency, a plausible spread.
  'C1|police': ['GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT'],
  'C1|health': ['OUTSTANDING', 'GOOD', 'GOOD', 'GOOD', 'GOOD', 'GOOD'],
  'C1|socialCare': ['GOOD', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'GOOD', 'GOOD'],
  'C2|police': ['REQUIRES_IMPROVEMENT', 'GOOD', 'REQUIRES_IMPROVEMENT', 'GOOD', 'INADEQUATE', 'REQUIRES_IMPROVEMENT'],
  'C2|health': ['GOOD', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'GOOD', 'GOOD'],
  'C2|socialCare': ['REQUIRES_IMPROVEMENT', 'GOOD', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT'],
  'C3|police': ['GOOD', 'OUTSTANDING', 'GOOD', 'GOOD', 'GOOD', 'GOOD'],
  'C3|health': ['GOOD', 'GOOD', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'GOOD'],
  'C3|socialCare': ['OUTSTANDING', 'GOOD', 'GOOD', 'GOOD', 'GOOD', 'GOOD'],
};

/**
 * The demo partnership's scrutiny programme for the current reporting year: three pieces in different stages
 * (monitoring with agreed actions, gathering evidence with an open immediate concern, proposed), by case codes only.
 */
export function demoScrutiny(ctx: AppContext, today: IsoDate, now: string, day: (offset: number) => IsoDate, themes: readonly Theme[], people: DemoScrutinyPeople, domains: readonly string[]): WriteOperation[] {
  const year = reportingYearOf(today);
  const startYear = Number(year.start.slice(0, 4));
  const theme = (name: string) => findByName(themes, name).match?.id;
  const ids = (...names: string[]) => names.map(theme).filter((id): id is string => id !== undefined);
  const by = (who: string) => ({ by: who, on: now });
  const lead = people.businessUnit;
  const agencies = { police: people.police.agencyId, health: people.health.agencyId, socialCare: people.socialCare.agencyId };
  const operations: WriteOperation[] = [];
  const stepTo = (piece: ScrutinyPiece, stage: ScrutinyStage) => {
    let current = piece;
    while (current.stage !== stage) {
      const order: ScrutinyStage[] = ['PROPOSED', 'AGREED', 'EVIDENCE', 'TRIANGULATION', 'REPORT', 'ACTION_PLAN', 'MONITORING', 'CLOSED'];
      current = moveStage(current, order[order.indexOf(current.stage) + 1], { openConcerns: 0 }, by(lead));
    }
    return current;
  };
  const grade = (pieceId: string, code: string, key: keyof typeof agencies, who: string, extra: Partial<CaseAudit> = {}): CaseAudit => ({
    id: caseAuditIdOf(pieceId, code, agencies[key]),
    pieceId,
    caseCode: code,
    agencyId: agencies[key],
    grades: Object.fromEntries(domains.map((domain, index) => [domain, GRADE_ROWS[`${code}|${key}`]?.[index] ?? 'GOOD'])),
    updatedBy: who,
    updatedAt: now,
    ...extra,
  });

  // 1. Neglect in under-fives: evidence triangulated, recommendations agreed, actions being monitored.
  let neglect = proposePiece(
    { ref: `SCR-${startYear}-1`, period: year.label, title: 'Neglect in under-fives', themes: ids('Neglect', 'Voice / lived experience of the child'), tools: ['CASE_FILE_AUDIT', 'SELF_EVALUATION', 'PRACTITIONER_FEEDBACK', 'PARENT_CARER_FEEDBACK'], leadId: lead, agencyIds: Object.values(agencies), evidenceDue: day(-120), reportDue: day(-60) },
    by(lead),
  );
  neglect = stepTo(neglect, 'EVIDENCE');
  neglect = {
    ...neglect,
    caseCodes: ['C1', 'C2', 'C3'],
    feedback: [
      { id: 'F1', source: 'PRACTITIONER_FEEDBACK', respondents: 38, summary: 'Practitioners know the neglect toolkit but few use it at review meetings; workloads cited.', recordedBy: lead, recordedAt: now },
      { id: 'F2', source: 'PARENT_CARER_FEEDBACK', respondents: 9, summary: 'Parents felt listened to by health visitors; fewer understood why social care was involved.', recordedBy: lead, recordedAt: now },
    ],
  };
  const neglectAudits: CaseAudit[] = [];
  for (const code of ['C1', 'C2', 'C3']) {
    neglectAudits.push(
      grade(neglect.id, code, 'police', people.police.id, code === 'C2' ? { areasForDevelopment: 'Supervision did not revisit the plan after the second incident.' } : {}),
      grade(neglect.id, code, 'health', people.health.id, { goodPractice: 'Chronology kept up to date; the child seen alone at each visit.' }),
      grade(neglect.id, code, 'socialCare', people.socialCare.id),
    );
  }
  const selfEvaluations: SelfEvaluation[] = [
    { id: selfEvaluationIdOf(neglect.id, agencies.health), pieceId: neglect.id, agencyId: agencies.health, strengths: 'Health visiting sees the child alone and records their presentation.', areasForDevelopment: 'Fathers are rarely seen at home visits.', evidenceLinks: [{ url: 'https://example.sharepoint.com/sites/lscp/scrutiny/health-self-evaluation.docx', description: 'Self-evaluation and audit summary' }], updatedBy: people.health.id, updatedAt: now },
    { id: selfEvaluationIdOf(neglect.id, agencies.police), pieceId: neglect.id, agencyId: agencies.police, strengths: 'Neglect indicators recorded on domestic incident forms.', areasForDevelopment: 'Referrals for neglect alone are rare.', evidenceLinks: [], updatedBy: people.police.id, updatedAt: now },
  ];
  neglect = stepTo(neglect, 'TRIANGULATION');
  neglect = addFinding(neglect, { kind: 'AREA_FOR_DEVELOPMENT', text: 'The impact of help on the child is not evidenced in plans or supervision.', evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C2' }, { tool: 'PRACTITIONER_FEEDBACK', ref: 'F1' }, { tool: 'SELF_EVALUATION', ref: agencies.police }] }, by(lead));
  neglect = addFinding(neglect, { kind: 'STRENGTH', text: "The child's voice is heard and recorded by health visiting.", evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }, { tool: 'PARENT_CARER_FEEDBACK', ref: 'F2' }] }, by(lead));
  neglect = addFinding(neglect, { kind: 'RISK', text: 'Fathers and men in the household are rarely assessed.', evidence: [{ tool: 'SELF_EVALUATION', ref: agencies.health }] }, by(lead));
  neglect = addRecommendation(neglect, { text: 'Supervision records the impact on the child of each plan, using the neglect toolkit at review.', findingNumbers: [1], owners: [{ agencyId: agencies.police, officerId: people.police.id }, { agencyId: agencies.socialCare, officerId: people.socialCare.id }], successMeasure: 'Re-audit of 10 cases shows impact recorded in 8', targetDate: day(120) }, by(lead));
  neglect = addRecommendation(neglect, { text: 'Health visiting offers a contact to fathers at every new-birth visit.', findingNumbers: [3], owners: [{ agencyId: agencies.health, officerId: people.health.id }], successMeasure: 'Fathers seen or offered a visit in 90% of new-birth visits', targetDate: day(90) }, by(lead));
  neglect = stepTo(neglect, 'REPORT');
  const actions: Action[] = [];
  for (const number of [1, 2]) {
    const agreed = agreeRecommendation(neglect, number, actionIdOf, { ...by(people.chair), today: day(-30) });
    neglect = agreed.piece;
    actions.push(...agreed.actions.map((action) => ({ ...action, agreedOn: day(-30) })));
  }
  actions[0] = recordUpdate(changeStatus(actions[0], 'IN_PROGRESS', by(people.police.id)), { byName: 'Demo Police Lead', note: 'Supervision template changed; briefing booked' }, { by: people.police.id, on: `${day(-7)}T10:00:00.000Z` });
  neglect = stepTo(neglect, 'MONITORING');
  const dealtWith: ImmediateConcern = { id: `${neglect.id}--concern-demo0001`, pieceId: neglect.id, caseCode: 'C2', agencyId: agencies.socialCare, summary: 'Younger sibling not seen for six weeks.', raisedBy: people.socialCare.id, raisedAt: `${day(-100)}T11:00:00.000Z`, dealtWith: { by: lead, at: `${day(-100)}T16:00:00.000Z`, note: 'Home visit the same day; sibling seen and safe.' } };

  // 2. Escalation: gathering evidence, one immediate concern still open.
  let escalation = proposePiece(
    { ref: `SCR-${startYear}-2`, period: year.label, title: 'Escalation and resolving professional differences', themes: ids('Escalation / resolving professional differences', 'Information sharing'), tools: ['CASE_FILE_AUDIT', 'SELF_EVALUATION', 'INSPECTION_REVIEW'], leadId: people.chair, agencyIds: [agencies.police, agencies.health], evidenceDue: day(20), reportDue: day(75) },
    by(lead),
  );
  escalation = { ...stepTo(escalation, 'EVIDENCE'), caseCodes: ['C1', 'C2'], inspectionReviews: [{ id: 'I1', title: 'JTAI letter: the multi-agency response to children at risk', url: 'https://example.sharepoint.com/sites/lscp/scrutiny/jtai-letter.pdf', summary: 'Escalation routes known but used late; challenge rarely recorded.', recordedBy: lead, recordedAt: now }] };
  const escalationAudits = [grade(escalation.id, 'C1', 'police', people.police.id), grade(escalation.id, 'C1', 'health', people.health.id)];
  const open: ImmediateConcern = { id: `${escalation.id}--concern-demo0002`, pieceId: escalation.id, caseCode: 'C2', agencyId: agencies.health, summary: 'Bruising seen at the last contact was not referred.', raisedBy: people.health.id, raisedAt: `${day(-1)}T09:30:00.000Z` };

  // 3. Child criminal exploitation: proposed from the review themes, waiting for the PAI to agree it.
  const exploitation = proposePiece(
    { ref: `SCR-${startYear}-3`, period: year.label, title: 'Child criminal exploitation and county lines', themes: ids('Child criminal exploitation / county lines', 'Extra-familial harm'), tools: ['SELF_EVALUATION', 'CHILD_FEEDBACK', 'PRACTITIONER_FEEDBACK'], leadId: lead, agencyIds: [agencies.police, agencies.socialCare], evidenceDue: day(100), reportDue: day(150) },
    by(lead),
  );

  for (const piece of [neglect, escalation, exploitation]) operations.push(ctx.stores.scrutinyPieces.op.upsert(piece));
  for (const audit of [...neglectAudits, ...escalationAudits]) operations.push(ctx.stores.scrutinyCaseAudits.op.upsert(audit));
  for (const item of selfEvaluations) operations.push(selfEvaluationsOf(ctx).op.upsert(item));
  for (const concern of [dealtWith, open]) operations.push(ctx.stores.scrutinyConcerns.op.upsert(concern));
  for (const action of actions) operations.push(ctx.stores.actions.op.upsert(action));
  return operations;
}
