import { findByName } from '../../domain/directory/agency';
import { parseReportingYear } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import type { Actor, Member } from '../../domain/directory/member';
import { parseScrutinyTools, proposePiece, scrutinyIdOf, validateScrutinyRef, type ScrutinyTool } from '../../domain/scrutiny/piece';
import type { AppContext } from '../kernel/app-context';
import { listAgencies, listThemes } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { ImportRow, runImport } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { assertCanSetUpScrutiny } from './permissions';
import { listPieces } from './records';

export const SCRUTINY_PROGRAMME_COLUMNS = ['ref', 'period', 'title', 'themes', 'tools', 'lead_email', 'agencies', 'evidence_due', 'report_due'] as const;

/** `import scrutiny-programme`: pieces of scrutiny from a spreadsheet, all or nothing; each starts PROPOSED. */
export async function importScrutinyProgramme(ctx: AppContext, actor: Actor, rows: ImportRow[], onProgress?: (done: number, total: number) => void): Promise<{ imported: number }> {
  assertCanSetUpScrutiny(actor);
  const [themes, agencies, members, existing] = await Promise.all([listThemes(ctx), listAgencies(ctx), ctx.stores.members.all(), listPieces(ctx)]);
  const byEmail = new Map(members.filter((member) => member.active).map((member) => [member.email.toLowerCase(), member]));
  const taken = new Set(existing.map((piece) => piece.id));
  const seen = new Map<string, number>();
  const now = ctx.clock.now().toISOString();
  await runImport(
    ctx,
    rows,
    SCRUTINY_PROGRAMME_COLUMNS,
    (row, rowNumber) => {
      const reader = new FieldReader(row);
      let ref: string | undefined;
      const refText = reader.text('ref', { required: true, max: 40 });
      if (refText) {
        try {
          ref = validateScrutinyRef(refText);
          const id = scrutinyIdOf(ref);
          if (taken.has(id)) reader.problem('ref', 'a piece with this ref already exists');
          else if (seen.has(id)) reader.problem('ref', `the same ref is already on row ${seen.get(id)}`);
          else seen.set(id, rowNumber);
        } catch (error) {
          reader.problem('ref', (error as DomainError).message);
        }
      }
      const periodText = reader.text('period', { required: true });
      const year = periodText ? parseReportingYear(periodText) : undefined;
      if (periodText && !year) reader.problem('period', 'not a reporting year such as 2026/27');
      const title = reader.text('title', { required: true, max: 120 });
      const themeIds = reader.themes('themes', themes);
      let tools: ScrutinyTool[] | undefined;
      const toolsText = reader.text('tools', { required: true });
      if (toolsText) {
        try {
          tools = parseScrutinyTools(toolsText);
        } catch (error) {
          reader.problem('tools', (error as DomainError).message);
        }
      }
      const email = (reader.text('lead_email', { required: true }) ?? '').toLowerCase();
      const lead = email ? byEmail.get(email) : undefined;
      if (email && !lead) reader.problem('lead_email', 'no active member has this email: import members first');
      const agencyIds: string[] = [];
      for (const name of (row.agencies ?? '').split(';').map((part) => part.trim()).filter(Boolean)) {
        const { match, suggestions } = findByName(agencies, name);
        if (match) agencyIds.push(match.id);
        else reader.problem('agencies', `unknown agency${suggestions.length ? `; did you mean ${suggestions.map((agency) => agency.name).join(' or ')}?` : ''}`);
      }
      if (!(row.agencies ?? '').trim()) reader.problem('agencies', 'required');
      const evidenceDue = reader.date('evidence_due', { required: true });
      const reportDue = reader.date('report_due', { required: true });
      reportPersonalData(ctx, reader, { title });
      if (reader.problems.length) return { operations: [], problems: reader.problems };
      try {
        const piece = proposePiece(
          { ref: ref as string, period: year?.label as string, title: title as string, themes: themeIds, tools: tools as ScrutinyTool[], leadId: (lead as Member).id, agencyIds, evidenceDue: evidenceDue as string, reportDue: reportDue as string },
          { by: actor.aadObjectId, on: now },
        );
        return {
          operations: [
            ctx.stores.scrutinyPieces.op.create(piece),
            auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinyPiece, subjectId: piece.id, operation: 'import-create', after: { ref: piece.ref, period: piece.period } }),
          ],
          problems: [],
        };
      } catch (error) {
        return { operations: [], problems: [{ column: 'report_due', reason: (error as DomainError).message }] };
      }
    },
    onProgress,
  );
  return { imported: rows.length };
}
