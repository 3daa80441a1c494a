import { z } from 'zod';
import { uploadToConsentUrl } from '../../adapters/teams/file-upload';
import type { AdaptiveCard } from '../../cards/render';
import { reportCard } from '../../cards/report-card';
import { ValidationError } from '../../domain/errors';
import { slug, type ReportDocument } from '../../domain/reports/report-document';
import type { BotDeps } from '../bot-deps';
import { parseCardData } from '../card-data';
import { asAtText } from '../../domain/calendar';
import { actorOf, scopeOf, type Turn } from '../turn';
import { documentFor } from './report-cards';
import { buttonsFor } from '../commands/report-commands';

const XLSX_TYPE = 'xlsx';
const fileRefSchema = z.object({ report: z.string().min(1).max(40), args: z.string().max(200).default('') });

/** The file Teams will save: the report's name and the day, e.g. quarterly-themes-q2-2026-27.xlsx. */
function fileName(doc: ReportDocument): string {
  return `${slug(doc.title)}.${XLSX_TYPE}`;
}

async function workbook(deps: BotDeps, turn: Turn, ref: { report: string; args: string }): Promise<{ doc: ReportDocument; bytes: Buffer }> {
  const actor = await actorOf(deps.ctx, turn);
  const doc = await documentFor(deps, actor, ref.report, ref.args);
  return { doc, bytes: await deps.reportWorkbook(doc, asAtText(new Date(doc.generatedAt))) };
}

/**
 * `report.file`: in personal chat, offers the report as an XLSX through Teams' file consent card (the bot may not
 * write to the user's OneDrive until they accept). Answers the press with the same card and a pointer to the offer.
 */
export async function offerReportFile(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const ref = parseCardData(fileRefSchema, data);
  if (scopeOf(turn) !== 'personal') throw new ValidationError('Files can be sent in a personal chat with the bot only. Open the chat with Assurance Bot and ask there.', {}, 'REPORT.FILE_NEEDS_PERSONAL_CHAT');
  const { doc, bytes } = await workbook(deps, turn, ref);
  await turn.send({
    attachments: [{
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: fileName(doc),
      content: { description: `${doc.title} (Excel, as at ${asAtText(new Date(doc.generatedAt))})`, sizeInBytes: bytes.length, acceptContext: ref, declineContext: ref },
    }],
  });
  const actor = await actorOf(deps.ctx, turn);
  return reportCard(deps.cards, doc, { asAt: asAtText(new Date(doc.generatedAt)), ref, ...buttonsFor(actor, turn), banner: { style: 'emphasis', text: 'Accept the file offer below to save the Excel file to your OneDrive.' } });
}

interface FileConsentResponse {
  action?: string;
  context?: unknown;
  uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string };
}

/** The user accepted: rebuild the workbook (rights checked again), upload it, and post the file card. */
export async function acceptReportFile(deps: BotDeps, turn: Turn, response: FileConsentResponse): Promise<void> {
  const ref = parseCardData(fileRefSchema, response.context);
  const info = response.uploadInfo ?? {};
  if (!info.uploadUrl || !info.contentUrl || !info.name) throw new ValidationError('Teams did not say where to put the file. Ask for it again.', {}, 'REPORT.FILE_UPLOAD_INFO_MISSING');
  const { bytes } = await workbook(deps, turn, ref);
  await (deps.uploadFile ?? uploadToConsentUrl)(info.uploadUrl, bytes);
  await turn.send({
    attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: info.contentUrl, name: info.name, content: { uniqueId: info.uniqueId, fileType: info.fileType ?? XLSX_TYPE } }],
  });
}

/** The user declined the offer. */
export async function declineReportFile(_deps: BotDeps, turn: Turn): Promise<void> {
  await turn.send('No file was saved. You can ask for the Excel file again from any report card.');
}
