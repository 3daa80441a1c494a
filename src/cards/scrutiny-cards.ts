import type { NewPieceForm } from '../app/scrutiny/new-piece';
import type { PieceView } from '../app/scrutiny/piece-view';
import type { ProgrammeView } from '../app/scrutiny/programme';
import { cardPayload } from '../app/scrutiny/notify';
import type { CaseAuditView, ConcernNoticeView, ScrutinyRender, SelfEvaluationView } from '../app/scrutiny/views';
import type { AdaptiveCard, CardRenderer } from './render';

/** `scrutiny new`: the form, with the period's top review themes suggested first. */
export function newPieceCard(renderer: CardRenderer, form: NewPieceForm): AdaptiveCard {
  return renderer.render('scrutiny-new', {
    intro: 'Propose a piece of scrutiny for the PAI subgroup to agree. The ref is given when it is saved (SCR-year-number).',
    suggested: form.suggestedThemes,
    period: form.periods[0]?.value ?? '',
    periods: form.periods,
    themes: form.themes,
    tools: form.tools,
    leads: form.leads,
    agencies: form.agencies,
  });
}

/** `scrutiny [period]`: the programme against the target, one piece per row with its stage. */
export function programmeCard(renderer: CardRenderer, view: ProgrammeView, asAt: string): AdaptiveCard {
  return renderer.render('scrutiny-programme', { period: view.period, headline: view.headline, shortBy: view.summary.shortBy, rows: view.rows, asAt });
}

const GATHERING = ['AGREED', 'EVIDENCE', 'TRIANGULATION'];

/** `scrutiny <ref>`: one piece with the controls the user's role allows. */
export function pieceCard(renderer: CardRenderer, view: PieceView, asAt: string, banner = ''): AdaptiveCard {
  const { piece } = view;
  const gathering = GATHERING.includes(piece.stage);
  return renderer.render('scrutiny-piece', {
    pieceId: piece.id,
    ref: piece.ref,
    title: piece.title,
    banner,
    facts: view.facts,
    stage: piece.stage,
    nextStage: view.next?.stage ?? '',
    nextLabel: view.next?.label ?? '',
    canRun: view.canRun,
    canAgree: view.canRun && ['REPORT', 'ACTION_PLAN'].includes(piece.stage),
    canAddCases: view.canRun && view.usesCaseAudit && gathering,
    canAddFeedback: view.canRun && gathering && view.feedbackSources.length > 0,
    canAddInspection: view.canRun && gathering && piece.tools.includes('INSPECTION_REVIEW'),
    canAddFinding: view.canRun && ['EVIDENCE', 'TRIANGULATION'].includes(piece.stage) && view.evidenceOptions.length > 0,
    canAddRecommendation: view.canRun && ['TRIANGULATION', 'REPORT'].includes(piece.stage) && view.findingChoices.length > 0,
    concerns: view.openConcerns,
    myAgency: view.myAgency ?? null,
    usesCaseAudit: view.usesCaseAudit,
    cases: view.cases,
    grades: view.grades,
    anyGraded: view.grades.some((row) => row.graded > 0),
    evidence: view.evidence,
    evidenceOptions: view.evidenceOptions,
    findings: view.findings,
    findingChoices: view.findingChoices,
    recommendations: view.recommendations,
    owners: view.owners,
    feedbackSources: view.feedbackSources,
    asAt,
  });
}

export function caseAuditCard(renderer: CardRenderer, view: CaseAuditView, banner = ''): AdaptiveCard {
  return renderer.render('scrutiny-case-audit', { ...view, domains: view.domains.map((domain) => ({ ...domain, grade: domain.grade ?? '' })), banner });
}

export function selfEvaluationCard(renderer: CardRenderer, view: SelfEvaluationView, banner = ''): AdaptiveCard {
  return renderer.render('scrutiny-self-evaluation', { ...view, banner });
}

export function concernCard(renderer: CardRenderer, view: ConcernNoticeView): AdaptiveCard {
  return renderer.render('scrutiny-concern', view);
}

/** The cards the scrutiny use cases queue in the outbox. */
export function createScrutinyRender(renderer: CardRenderer): ScrutinyRender {
  return {
    caseAudit: (view) => cardPayload(`Case file audit for ${view.pieceRef}: case ${view.caseCode}`, caseAuditCard(renderer, view)),
    selfEvaluation: (view) => cardPayload(`Self-evaluation for ${view.pieceRef}`, selfEvaluationCard(renderer, view)),
    concern: (view) => cardPayload(`Immediate concern raised in ${view.pieceRef}, case ${view.caseCode}`, concernCard(renderer, view)),
  };
}
