import type { Actor } from '../../domain/directory/member';
import { parsePeriod } from '../../domain/period';
import type { ReportDocument } from '../../domain/reports/report-document';
import { scrutinyDocument, scrutinyReport, type ScrutinyNames, type ScrutinyReport } from '../../domain/scrutiny/report';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { agencyName, loadNameLookups, memberName } from '../directory/lookups';
import { assertCanRunReports } from '../reports/report-permissions';
import { listCaseAudits, listConcerns, listPieces } from './records';

/** The scrutiny programme for one April to March year, with the names the report prints. */
export async function scrutinyReportFor(ctx: AppContext, periodLabel: string): Promise<{ report: ScrutinyReport; names: ScrutinyNames }> {
  const [pieces, audits, concerns, lookups] = await Promise.all([listPieces(ctx), listCaseAudits(ctx), listConcerns(ctx), loadNameLookups(ctx)]);
  // The actions the recommendations created, read by id: a query for scrutiny actions reads every action's source.
  const actionIds = [...new Set(pieces.flatMap((piece) => piece.recommendations.flatMap((recommendation) => recommendation.actionIds)))];
  const actions = (await Promise.all(actionIds.map((id) => ctx.stores.actions.get(id)))).filter((action) => action !== undefined);
  const names: ScrutinyNames = {
    agency: (id) => agencyName(lookups, id),
    member: (id) => memberName(lookups, id),
    theme: (id) => lookups.themes.get(id)?.name ?? id,
  };
  const report = scrutinyReport({
    period: periodLabel,
    generatedAt: ctx.clock.now().toISOString(),
    target: ctx.settings.scrutiny.targetPieces,
    pieces,
    audits,
    concerns,
    actions,
    domains: ctx.settings.scrutiny.auditDomains,
    names,
  });
  return { report, names };
}

/** `report scrutiny --period 2026/27`: the programme, grades by domain and by agency, findings and recommendations. */
export async function scrutinyReportDocument(ctx: AppContext, actor: Actor, periodText = ''): Promise<ReportDocument> {
  assertCanRunReports(actor);
  const period = parsePeriod(periodText, { today: todayOf(ctx), expect: 'year' });
  const { report, names } = await scrutinyReportFor(ctx, period.label);
  return scrutinyDocument(report, names);
}
