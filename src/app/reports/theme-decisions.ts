import { parseFlexibleDate } from '../../domain/calendar';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parsePeriod, periodId } from '../../domain/period';
import { ASSURANCE_ROUTES, type AssuranceRoute, type ThemeDecision } from '../../domain/reports/common';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import { assertCanAssure } from '../kernel/permissions';

/** A stored decision: one per quarter and theme (ThemeReport.assurance_decisions, docs/design/domain.md §3). */
export interface ThemeDecisionRecord extends ThemeDecision {
  id: string;
  periodId: string;
  periodLabel: string;
}

export interface ThemeDecisionInput {
  period: string;
  themeId?: string;
  route?: string;
  owner?: string;
  due?: string;
  note?: string;
}

/** The PAI's theme decisions, typed. */
function themeDecisionsOf(ctx: AppContext): Collection<ThemeDecisionRecord> {
  return collection<ThemeDecisionRecord>(ctx.store, ctx.partnershipId, KIND.themeDecision);
}

/** One decision per quarter and theme, so its id is known without a query. */
function decisionIdOf(period: { label: string }, themeId: string): string {
  return `${periodId(period)}--${themeId}`.slice(0, 200);
}

/**
 * The decisions recorded for a quarter on the given themes, for its theme report: read by id, one per theme, because
 * a query costs a scan of the partition on the local Cosmos server and a report should read by id only.
 */
export async function themeDecisionsFor(ctx: AppContext, period: { label: string }, themeIds: readonly string[]): Promise<ThemeDecisionRecord[]> {
  const found = await Promise.all(themeIds.map((themeId) => themeDecisionsOf(ctx).get(decisionIdOf(period, themeId))));
  return found.filter((decision): decision is Stored<ThemeDecisionRecord> => decision !== undefined);
}

/**
 * The PAI records (or changes) its assurance decision for a theme in a quarter: dip sample, new audit, fold into a
 * planned audit, or assured. The chair and the business unit may; free text is checked for personal data.
 */
export async function recordThemeDecision(ctx: AppContext, actor: Actor, input: ThemeDecisionInput): Promise<ThemeDecisionRecord> {
  assertCanAssure(actor);
  const period = parsePeriod(input.period, { today: todayOf(ctx), expect: 'quarter' });
  const route = ASSURANCE_ROUTES.find((known) => known === input.route) as AssuranceRoute | undefined;
  if (!route) throw new ValidationError('Choose what the PAI decided for the theme.', { field: 'route', allowed: ASSURANCE_ROUTES }, 'THEME_DECISION.ROUTE_MISSING');
  const theme = input.themeId ? await ctx.stores.themes.get(input.themeId) : undefined;
  if (!theme) throw new NotFoundError('Choose one of the themes on the report.', 'THEME_DECISION.THEME_NOT_FOUND');
  const due = input.due?.trim() ? parseFlexibleDate(input.due) : undefined;
  if (input.due?.trim() && !due) throw new ValidationError('Give the due date as YYYY-MM-DD.', { field: 'due' }, 'THEME_DECISION.DUE_INVALID');
  const owner = input.owner?.trim().slice(0, 120) || undefined;
  const note = input.note?.trim().slice(0, 500) || undefined;
  assertNoPersonalData(ctx, { owner, note }, { owner: 'Owner', note: 'Note' });
  const now = ctx.clock.now().toISOString();
  const record: ThemeDecisionRecord = {
    id: decisionIdOf(period, theme.id),
    periodId: periodId(period),
    periodLabel: period.label,
    themeId: theme.id,
    route,
    ...(owner ? { owner } : {}),
    ...(due ? { due } : {}),
    ...(note ? { note } : {}),
    recordedBy: actor.aadObjectId,
    recordedOn: now,
  };
  const [saved] = await ctx.stores.commit([
    themeDecisionsOf(ctx).op.upsert(record),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.themeDecision, subjectId: record.id, operation: 'decide', after: { route, due: due ?? null } }),
  ]);
  return saved as unknown as ThemeDecisionRecord;
}
