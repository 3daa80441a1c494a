import { AlreadyExistsError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parseReportingYear, reportingYearOf } from '../../domain/calendar';
import { nextScrutinyRef, proposePiece, SCRUTINY_TOOL_LABELS, SCRUTINY_TOOLS, type ScrutinyPiece, type ScrutinyTool } from '../../domain/scrutiny/piece';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { listAgencies, listThemes } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader, throwIfProblems } from '../kernel/field-parsing';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { loadLookups } from '../directory/lookups';
import { quarterlyThemes } from '../reports/reports';
import { assertCanSetUpScrutiny } from './permissions';
import { listPieces } from './records';

export interface Choice {
  title: string;
  value: string;
}

/** What the `scrutiny new` card offers: periods, themes (the period's top review themes first), tools, leads, agencies. */
export interface NewPieceForm {
  periods: Choice[];
  themes: Choice[];
  /** The top review themes from the quarterly theme report, suggested for the piece. */
  suggestedThemes: string[];
  tools: Choice[];
  leads: Choice[];
  agencies: Choice[];
}

/** `scrutiny new`: the form, with the quarterly theme report's top themes suggested (PAI chair, business unit). */
export async function newPieceForm(ctx: AppContext, actor: Actor): Promise<NewPieceForm> {
  assertCanSetUpScrutiny(actor);
  const [report, themes, agencies, lookups] = await Promise.all([quarterlyThemes(ctx, actor, ''), listThemes(ctx), listAgencies(ctx), loadLookups(ctx)]);
  const top = report.topThemes.slice(0, 5);
  const topIds = new Set(top.map((row) => row.themeId));
  const year = reportingYearOf(todayOf(ctx));
  const nextYear = reportingYearOf(`${Number(year.start.slice(0, 4)) + 1}-04-01`);
  return {
    periods: [year, nextYear].map((item) => ({ title: item.label, value: item.label })),
    themes: [
      ...top.map((row) => ({ title: `${row.theme} (top review theme: ${row.reviews} review${row.reviews === 1 ? '' : 's'}, ${row.open} open action${row.open === 1 ? '' : 's'})`, value: row.themeId })),
      ...themes.filter((theme) => !topIds.has(theme.id)).map((theme) => ({ title: theme.name, value: theme.id })),
    ],
    suggestedThemes: top.map((row) => row.theme),
    tools: SCRUTINY_TOOLS.map((tool) => ({ title: SCRUTINY_TOOL_LABELS[tool], value: tool })),
    leads: [...lookups.members.values()].filter((member) => member.active).sort((a, b) => a.name.localeCompare(b.name)).map((member) => ({ title: member.name, value: member.id })),
    agencies: agencies.sort((a, b) => a.name.localeCompare(b.name)).map((agency) => ({ title: agency.name, value: agency.id })),
  };
}

function ids(text: string | undefined): string[] {
  return (text ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

/** `scrutiny.create`: a new piece, PROPOSED, with the next free ref of its period; written with its audit entry. */
export async function createPiece(ctx: AppContext, actor: Actor, fields: Record<string, string>): Promise<Stored<ScrutinyPiece>> {
  assertCanSetUpScrutiny(actor);
  const reader = new FieldReader(fields);
  const period = reader.text('period', { required: true });
  const year = period ? parseReportingYear(period) : undefined;
  if (period && !year) reader.problem('period', 'is not a reporting year such as 2026/27');
  const title = reader.text('title', { required: true, max: 120 });
  const [themes, agencies, lookups] = await Promise.all([listThemes(ctx), listAgencies(ctx), loadLookups(ctx)]);
  const themeIds = ids(fields.themes);
  if (themeIds.some((id) => !themes.some((theme) => theme.id === id))) reader.problem('themes', 'holds a theme the partnership does not have');
  const tools = ids(fields.tools);
  if (tools.length === 0) reader.problem('tools', 'choose at least one');
  if (tools.some((tool) => !(SCRUTINY_TOOLS as readonly string[]).includes(tool))) reader.problem('tools', 'holds a tool the bot does not know');
  const leadId = reader.text('lead', { required: true });
  if (leadId && !lookups.members.get(leadId)?.active) reader.problem('lead', 'is not an active member');
  const agencyIds = ids(fields.agencies);
  if (agencyIds.length === 0) reader.problem('agencies', 'choose at least one');
  if (agencyIds.some((id) => !agencies.some((agency) => agency.id === id))) reader.problem('agencies', 'holds an agency the partnership does not have');
  const evidenceDue = reader.date('evidence_due', { required: true });
  const reportDue = reader.date('report_due', { required: true });
  throwIfProblems(reader.problems);
  assertNoPersonalData(ctx, { title }, { title: 'Title' });
  const existing = await listPieces(ctx);
  const ref = nextScrutinyRef(Number(year?.start.slice(0, 4)), existing.map((piece) => piece.ref));
  const now = ctx.clock.now().toISOString();
  const piece = proposePiece(
    { ref, period: year?.label as string, title: title as string, themes: themeIds, tools: tools as ScrutinyTool[], leadId: leadId as string, agencyIds, evidenceDue: evidenceDue as string, reportDue: reportDue as string },
    { by: actor.aadObjectId, on: now },
  );
  return writeNewPiece(ctx, piece, actor.aadObjectId, 'create');
}

/** The create of a piece and its audit entry in one commit; a taken ref is a friendly error. */
export async function writeNewPiece(ctx: AppContext, piece: ScrutinyPiece, by: string, operation: string): Promise<Stored<ScrutinyPiece>> {
  try {
    const [saved] = await ctx.stores.commit([
      ctx.stores.scrutinyPieces.op.create(piece),
      auditOperation({ at: piece.createdAt, by, subjectKind: KIND.scrutinyPiece, subjectId: piece.id, operation, after: { ref: piece.ref, period: piece.period, stage: piece.stage, tools: piece.tools } }),
    ]);
    return saved as Stored<ScrutinyPiece>;
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw new ValidationError('A piece of scrutiny with that ref already exists.', { field: 'ref' }, 'SCRUTINY.ALREADY_EXISTS');
    throw error;
  }
}
