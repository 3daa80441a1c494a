import { Action, ActionStatus, ACTION_STATUS_LABELS, ACTION_TRANSITIONS, daysOverdue, isOverdue, actionSourceText } from '../../domain/actions/action';
import { IsoDate } from '../../domain/calendar';
import type { Actor } from '../../domain/directory/member';
import { deriveRag, ragLabel, RagRating } from '../../domain/actions/rag';
import type { Stored } from '../../ports/document-store';
import { todayOf, type AppContext } from '../kernel/app-context';
import { agencyName, Lookups, memberName } from '../directory/lookups';
import { controlsFor } from '../kernel/permissions';
import { paiDecisionOf } from '../../domain/actions/pai-decisions';

/** Words for statuses, for cards and reports. */
export const STATUS_LABELS = ACTION_STATUS_LABELS;

/** Moves an editor may choose from the card; assurance moves (impact evidenced, close, withdraw) are the PAI's. */
const EDITOR_TARGETS: readonly ActionStatus[] = ['IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED'];

/** Everything an action card shows, resolved to names and words. */
export interface ActionView {
  id: string;
  ref: string;
  etag: string;
  reviewReference: string;
  pseudonym: string;
  agencyName: string;
  scopeLabel: string;
  responsibleOfficerName: string;
  description: string;
  successMeasure: string;
  themes: string[];
  status: ActionStatus;
  statusLabel: string;
  rag: RagRating;
  ragLabel: string;
  ragReasons: string[];
  overdue: boolean;
  daysOverdue: number;
  originalTargetDate: IsoDate;
  currentTargetDate: IsoDate;
  extensionCount: number;
  lastUpdate?: { byName: string; on: string; note?: string };
  evidence: { url: string; description: string }[];
  completionEvidence?: string;
  impactStatement?: string;
  closedWithoutImpact: boolean;
  /** The viewer may update progress (responsible officer, agency rep). */
  canEdit: boolean;
  /** The viewer may agree, assure, challenge, close or withdraw (PAI chair, business unit). */
  canAssure: boolean;
  /** Statuses the viewer may move the action to from the card's update form. */
  editorStatuses: { value: ActionStatus; title: string }[];
  /** Teams user ids whose card Teams refreshes automatically to their own view (at most 60). */
  refreshUserIds: string[];
}

export function ragOf(ctx: AppContext, action: Action, today: IsoDate) {
  return deriveRag(action, today, ctx.settings.rag);
}

/** The people whose view differs from read-only: the officer, the agency's reps, the chair and business unit. */
export function refreshUserIdsFor(action: Action, lookups: Lookups): string[] {
  const ids = [...lookups.members.values()]
    .filter((member) => member.active)
    .filter(
      (member) =>
        member.id === action.responsibleOfficerId ||
        member.roles.includes('PAI_CHAIR') ||
        member.roles.includes('LSBU_OFFICER') ||
        (member.agencyId === action.agencyId && (member.roles.includes('AGENCY_REP') || member.roles.includes('RESPONSIBLE_OFFICER'))),
    )
    .map((member) => lookups.teamsUserIds.get(member.id))
    .filter((id): id is string => id !== undefined);
  // Teams refreshes user-specific views for at most 60 users; the others press Refresh (docs/design/platform.md).
  return [...new Set(ids)].slice(0, 60);
}

export function toActionView(ctx: AppContext, action: Stored<Action>, lookups: Lookups, actor: Actor): ActionView {
  const today = todayOf(ctx);
  const rag = ragOf(ctx, action, today);
  const review = action.reviewId ? lookups.reviews.get(action.reviewId) : undefined;
  const { canEdit, canAssure } = controlsFor(actor, action);
  const editorStatuses = !canEdit ? [] : ACTION_TRANSITIONS[action.status].filter((status) => EDITOR_TARGETS.includes(status) && !paiDecisionOf(action.status, status));
  return {
    id: action.id,
    ref: action.ref,
    etag: action.etag,
    reviewReference: review?.reference ?? actionSourceText(action),
    pseudonym: review?.pseudonym ?? '',
    agencyName: agencyName(lookups, action.agencyId),
    scopeLabel: action.scope === 'PARTNERSHIP' ? 'Partnership action (lead agency)' : 'Single-agency action',
    responsibleOfficerName: memberName(lookups, action.responsibleOfficerId),
    description: action.description,
    successMeasure: action.successMeasure,
    themes: action.themes.map((id) => lookups.themes.get(id)?.name ?? id),
    status: action.status,
    statusLabel: STATUS_LABELS[action.status],
    rag: rag.rag,
    ragLabel: ragLabel(rag.rag),
    ragReasons: rag.reasons,
    overdue: isOverdue(action, today),
    daysOverdue: daysOverdue(action, today),
    originalTargetDate: action.originalTargetDate,
    currentTargetDate: action.currentTargetDate,
    extensionCount: action.extensionCount,
    lastUpdate: action.lastUpdate ? { byName: action.lastUpdate.byName, on: action.lastUpdate.on, note: action.lastUpdate.note } : undefined,
    evidence: action.evidence.map((link) => ({ url: link.url, description: link.description })),
    completionEvidence: action.completionEvidence,
    impactStatement: action.impactStatement,
    closedWithoutImpact: action.closedWithoutImpact === true,
    canEdit,
    canAssure,
    editorStatuses: editorStatuses.map((status) => ({ value: status, title: STATUS_LABELS[status] })),
    refreshUserIds: refreshUserIdsFor(action, lookups),
  };
}
