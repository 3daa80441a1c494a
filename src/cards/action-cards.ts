import { randomUUID } from 'node:crypto';
import type { ActionListView, HistoryView } from '../app/actions/action-queries';
import type { ActionView } from '../app/actions/action-views';
import { isOpen } from '../domain/actions/action';
import type { Agency, Theme } from '../domain/directory/agency';
import type { Member } from '../domain/directory/member';
import type { RagRating } from '../domain/actions/rag';
import { DECISIONS, REVIEW_TYPES } from '../domain/reviews/review';
import type { AdaptiveCard, CardRenderer } from './render';

/** Adaptive Card text colours for RAG; the word is always shown too (never colour alone). */
export const RAG_COLOURS: Record<RagRating, string> = { RED: 'Attention', AMBER: 'Warning', GREEN: 'Good', BLUE: 'Accent', WITHDRAWN: 'Default' };

export type BannerStyle = 'good' | 'attention' | 'warning' | 'emphasis';

export interface Banner {
  style: BannerStyle;
  text: string;
}

/** Every input of the action card, so a lost update can be shown back to its author. */
const INPUT_FIELDS = ['status', 'note', 'evidenceUrl', 'evidenceDescription', 'completionEvidence', 'impactStatement', 'newTargetDate', 'extensionReason', 'rationale', 'meetingDate'] as const;

export interface ActionCardOptions {
  banner?: Banner;
  /** Values to put back into the inputs (after a conflict, so nothing typed is lost). */
  yourInput?: Partial<Record<(typeof INPUT_FIELDS)[number], string>>;
  asAt: string;
  /** The list the card was opened from ("sign-off", "my-actions", "agency:<id>", "review:<ref>"): offers Back to it. */
  back?: string;
}

/** The action card: facts for everyone, edit or assurance controls for those allowed, and a fresh submission id. */
export function actionCard(renderer: CardRenderer, view: ActionView, options: ActionCardOptions): AdaptiveCard {
  const yourInput = Object.fromEntries(INPUT_FIELDS.map((field) => [field, options.yourInput?.[field] ?? '']));
  const extended = view.extensionCount > 0 ? ` (originally ${view.originalTargetDate}; ${view.extensionCount} extension${view.extensionCount === 1 ? '' : 's'})` : '';
  return renderer.render('action', {
    action: view,
    banner: options.banner ?? { style: 'emphasis', text: '' },
    yourInput,
    submissionId: randomUUID(),
    isOpen: isOpen(view.status),
    ragText: view.ragLabel,
    ragColour: RAG_COLOURS[view.rag],
    ragWhy: view.ragReasons.length ? ` (${view.ragReasons.join('; ')})` : '',
    targetText: `${view.currentTargetDate}${view.overdue ? ` – overdue by ${view.daysOverdue} day${view.daysOverdue === 1 ? '' : 's'}` : ''}${extended}`,
    themesText: view.themes.length ? view.themes.join(', ') : 'None',
    lastUpdateText: view.lastUpdate ? `${view.lastUpdate.byName}, ${view.lastUpdate.on.slice(0, 16).replace('T', ' ')} UTC${view.lastUpdate.note ? `: ${view.lastUpdate.note}` : ''}` : 'No update yet',
    completionText: view.completionEvidence ?? '',
    impactText: view.impactStatement ?? (view.closedWithoutImpact ? 'Closed – impact not yet evidenced' : ''),
    asAt: options.asAt,
    back: { show: Boolean(options.back), data: { list: options.back ?? '' } },
  });
}

export interface ActionListOptions {
  intro?: string;
  facts?: { title: string; value: string }[];
  /** A review's recommendations, listed above its actions. */
  recommendations?: { number: number; text: string; answeredBy: string }[];
  asAt: string;
  /** Which list this is, so an action opened from it offers Back to it (see ActionCardOptions.back). */
  list?: string;
}

export function actionListCard(renderer: CardRenderer, view: ActionListView, options: ActionListOptions): AdaptiveCard {
  return renderer.render('action-list', { ...view, intro: options.intro ?? '', facts: options.facts ?? [], recommendations: options.recommendations ?? [], asAt: options.asAt, list: options.list ?? '' });
}

export function historyCard(renderer: CardRenderer, view: HistoryView): AdaptiveCard {
  return renderer.render('history', view);
}

const title = (text: string) => text.charAt(0) + text.slice(1).toLowerCase().replace(/_/g, ' ');

/** The new review form, optionally refilled with what was typed and the reason it was refused. */
export function newReviewCard(renderer: CardRenderer, themes: readonly Theme[], values: Record<string, string> = {}, error = ''): AdaptiveCard {
  const fields = ['reference', 'type', 'pseudonym', 'sin_date', 'rr_submitted_on', 'decision', 'decision_date', 'published_on', 'completed_on', 'themes'];
  return renderer.render('new-review', {
    error,
    values: Object.fromEntries(fields.map((field) => [field, values[field] ?? ''])),
    types: REVIEW_TYPES.map((value) => ({ title: title(value).replace('Lcspr', 'LCSPR').replace('cspr', 'CSPR').replace('Dhr', 'DHR').replace('Sar', 'SAR'), value })),
    decisions: DECISIONS.map((value) => ({ title: title(value).replace('Lcspr', 'LCSPR'), value })),
    themes: themes.map((theme) => ({ title: theme.name, value: theme.id })),
  });
}

export interface AddActionCardData {
  reviewReference: string;
  pseudonym: string;
  agencies: readonly Agency[];
  members: readonly Member[];
  themes: readonly Theme[];
  recommendations: readonly { number: number; text: string }[];
}

/** The add action form for one review. */
export function addActionCard(renderer: CardRenderer, data: AddActionCardData, values: Record<string, string> = {}, error = ''): AdaptiveCard {
  const fields = ['ref', 'scope', 'agency', 'responsible_officer_email', 'themes', 'recommendation', 'description', 'success_measure', 'target_date'];
  return renderer.render('add-action', {
    reviewReference: data.reviewReference,
    pseudonym: data.pseudonym,
    error,
    values: Object.fromEntries(fields.map((field) => [field, values[field] ?? (field === 'scope' ? 'SINGLE_AGENCY' : '')])),
    agencies: data.agencies.map((agency) => ({ title: agency.name, value: agency.id })),
    officers: data.members
      .filter((member) => member.roles.includes('RESPONSIBLE_OFFICER') || member.roles.includes('AGENCY_REP'))
      .map((member) => ({ title: `${member.name} (${data.agencies.find((agency) => agency.id === member.agencyId)?.shortName ?? 'no agency'})`, value: member.email })),
    themes: data.themes.map((theme) => ({ title: theme.name, value: theme.id })),
    recommendations: data.recommendations.map((item) => ({ title: `R${item.number}. ${item.text.length > 80 ? `${item.text.slice(0, 77)}...` : item.text}`, value: String(item.number) })),
  });
}
