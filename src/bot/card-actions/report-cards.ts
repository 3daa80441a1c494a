import { z } from 'zod';
import { assertCanRunReports } from '../../app/reports/report-permissions';
import { cachedReportDocument, reportDocumentFor } from '../../app/reports/report-documents';
import { recordThemeDecision } from '../../app/reports/theme-decisions';
import { shareReport } from '../../app/reports/share-report';
import { ASSURANCE_ROUTE_LABELS } from '../../domain/reports/common';
import { reportCard } from '../../cards/report-card';
import type { AdaptiveCard } from '../../cards/render';
import type { Actor } from '../../domain/directory/member';
import type { ReportDocument } from '../../domain/reports/report-document';
import type { BotDeps } from '../bot-deps';
import { parseCardData } from '../card-data';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn, cardAttachment } from '../turn';
import { buttonsFor } from '../commands/report-commands';

/** What a report card's buttons send back; the report is recomputed for whoever presses, with their rights. */
const reportRefSchema = z.object({
  report: z.string().min(1).max(40),
  args: z.string().max(200).default(''),
  /** The instant the report was read: later pages come from the same snapshot. */
  snapshot: z.string().max(40).optional(),
  /** The section shown ('' = the report's first card), its first item, and where Back goes ("view@start|..."). */
  view: z.string().max(200).default(''),
  start: z.coerce.number().int().min(0).max(1_000_000).default(0),
  back: z.string().max(1500).default(''),
});

/** The report a card button names, for whoever pressed it (the lookup is the use case's; see report-documents.ts). */
export function documentFor(deps: BotDeps, actor: Actor, report: string, args: string, snapshot?: string): Promise<ReportDocument> {
  return reportDocumentFor(deps.ctx, deps.reportCache, actor, report, args, snapshot);
}

/**
 * `report.more`: moves within a report in place (All N, Next, Open an agency, theme or review, Back), reading the
 * snapshot the first page was made from, so every page has one "as at". When that snapshot is gone (a restart, or
 * half an hour later) the figures are read again and the card says so.
 */
export async function moreReportRows(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const ref = parseCardData(reportRefSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const doc = await documentFor(deps, actor, ref.report, ref.args, ref.snapshot);
  const asAt = asAtText(new Date(doc.generatedAt));
  const reread = ref.snapshot !== undefined && ref.snapshot !== doc.generatedAt;
  return reportCard(deps.cards, doc, {
    asAt,
    ref: { report: ref.report, args: ref.args },
    view: ref.view,
    start: ref.start,
    back: ref.back ? ref.back.split('|') : [],
    ...buttonsFor(actor, turn),
    ...(reread ? { banner: { style: 'warning' as const, text: `The figures were read again: they now stand as at ${asAt}.` } } : {}),
  });
}

/**
 * `report.share`: queues the report, recomputed now, for the PAI channel or meeting chat and sends it at once (in
 * the send window), and answers the person who pressed with the same card and a note saying where it went.
 */
export async function shareReportFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const ref = parseCardData(reportRefSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  assertCanRunReports(actor);
  const doc = await documentFor(deps, actor, ref.report, ref.args);
  const asAt = asAtText(new Date(doc.generatedAt));
  const options = { asAt, ref: { report: ref.report, args: ref.args }, ...buttonsFor(actor, turn) };
  const shared = reportCard(deps.cards, doc, { ...options, share: false, offerFile: false, decide: false, banner: { style: 'emphasis', text: `Shared by ${actor.name}.` } });
  const now = deps.ctx.clock.now();
  // A redelivered press (same activity id) finds its card already queued; a new press shares again.
  const queued = await shareReport(deps.ctx, actor, { report: ref.report, requestKey: turn.activity.id ?? now.toISOString(), payload: { type: 'message', attachments: [cardAttachment(shared)] } });
  deps.deliver([queued.outboxId]);
  const text = queued.sendsAt.getTime() > now.getTime()
    ? `Shared to the PAI channel: it goes out at ${asAtText(queued.sendsAt)}, when the send window opens.`
    : `Shared to the PAI channel at ${asAtText(now)}.`;
  return reportCard(deps.cards, doc, { ...options, share: true, banner: { style: 'good', text } });
}

const decisionSchema = z.object({
  args: z.string().max(200).default(''),
  period: z.string().min(1).max(40),
  themeId: z.string().max(100).optional(),
  route: z.string().max(60).optional(),
  owner: z.string().max(2000).optional(),
  due: z.string().max(40).optional(),
  note: z.string().max(2000).optional(),
});

/** `theme.decide`: the PAI records its assurance decision for a theme; the report comes back with it filled in. */
export async function recordDecisionFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(decisionSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const saved = await recordThemeDecision(deps.ctx, actor, input);
  // The quarter the decision is for, whatever the card was opened with ("last quarter" moves on).
  const doc = await cachedReportDocument(deps.ctx, deps.reportCache, actor, 'quarterly-themes', saved.periodLabel);
  const theme = doc.decide?.themes.find((item) => item.id === saved.themeId)?.name ?? saved.themeId;
  return reportCard(deps.cards, doc, {
    asAt: asAtText(new Date(doc.generatedAt)),
    ref: { report: 'quarterly-themes', args: saved.periodLabel },
    ...buttonsFor(actor, turn),
    banner: { style: 'good', text: `Decision recorded for ${theme}: ${ASSURANCE_ROUTE_LABELS[saved.route]}.` },
  });
}
