import type { Action, ActionStatus } from '../actions/action';
import type { IsoDate } from '../calendar';
import { dayOf, type ProgressInput } from './common';

/** The fields actionAsAt reads, so reports can load only these (and skip the long free text). */
export const AS_AT_FIELDS = [
  'id', 'createdAt', 'status', 'extensions', 'currentTargetDate', 'extensionCount', 'agreedOn', 'startedOn', 'completedOn', 'closedOn',
  'closedWithoutImpact', 'lastUpdate', 'ragOverride',
] as const satisfies readonly (keyof Action)[];

/** An action as actionAsAt needs it. */
export type AsAtAction = Pick<Action, (typeof AS_AT_FIELDS)[number]>;

/** Progress records per action, oldest first: built once per report. */
export type ProgressHistory = Map<string, ProgressInput[]>;

/** Groups progress records by action and orders each group by time, so actionAsAt can walk it. */
export function indexProgress<P extends ProgressInput>(progress: readonly P[]): Map<string, P[]> {
  const byAction = new Map<string, P[]>();
  for (const record of progress) {
    const list = byAction.get(record.actionId);
    if (list) list.push(record);
    else byAction.set(record.actionId, [record]);
  }
  for (const list of byAction.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return byAction;
}

/**
 * The action as it stood at the end of `date` (docs/design/domain.md §5: the quarterly report counts actions as at the quarter
 * end), or undefined when it did not exist yet. Dates in the result are London dates, ready for deriveRag.
 *
 * The status is the one recorded by the last progress record on or before the date. Without one, it is the current
 * status when nothing is recorded after the date either; otherwise it is read from the milestone dates the action
 * carries (closed, completed, started, agreed). Targets roll back past later extensions; a RAG override set later is
 * dropped. With no history at all and a date of today, the result is the action as it is now.
 */
export function actionAsAt<A extends AsAtAction>(action: A, history: readonly ProgressInput[] | undefined, date: IsoDate): A | undefined {
  const createdOn = dayOf(action.createdAt);
  if (createdOn > date) return undefined;
  const { status, last } = statusAsAt(action, history, date);
  // Fast path (most actions in a large partnership): nothing recorded after the date, so the action is as it stands.
  if (!history?.length && status === action.status && !changedAfter(action, date)) return action;

  const laterExtensions = action.extensions.filter((extension) => dayOf(extension.on) > date);
  const lastUpdate = last
    ? { by: last.by ?? '', byName: last.byName ?? '', on: dayOf(last.at), ...(last.note ? { note: last.note } : {}) }
    : action.lastUpdate && dayOf(action.lastUpdate.on) <= date
      ? { ...action.lastUpdate, on: dayOf(action.lastUpdate.on) }
      : undefined;

  const snapshot: A = {
    ...action,
    createdAt: createdOn,
    status,
    currentTargetDate: laterExtensions.length > 0 ? laterExtensions[0].from : action.currentTargetDate,
    extensionCount: Math.max(0, action.extensionCount - laterExtensions.length),
    extensions: action.extensions.filter((extension) => dayOf(extension.on) <= date),
    agreedOn: upTo(action.agreedOn, date),
    startedOn: upTo(action.startedOn, date),
    completedOn: upTo(action.completedOn, date),
    closedOn: status === 'CLOSED' ? upTo(action.closedOn, date) : undefined,
    closedWithoutImpact: status === 'CLOSED' ? action.closedWithoutImpact : undefined,
    lastUpdate,
    ragOverride: action.ragOverride && dayOf(action.ragOverride.on) <= date ? action.ragOverride : undefined,
  } as A;
  return snapshot;
}

/** Only the status and target as at a date: enough for "was it open, was it overdue" and much cheaper. */
export function stateAsAt(action: AsAtAction, history: readonly ProgressInput[] | undefined, date: IsoDate): Pick<Action, 'status' | 'currentTargetDate'> | undefined {
  if (dayOf(action.createdAt) > date) return undefined;
  const laterExtension = action.extensions.find((extension) => dayOf(extension.on) > date);
  return { status: statusAsAt(action, history, date).status, currentTargetDate: laterExtension ? laterExtension.from : action.currentTargetDate };
}

function statusAsAt(action: AsAtAction, history: readonly ProgressInput[] | undefined, date: IsoDate): { status: ActionStatus; last?: ProgressInput } {
  let last: ProgressInput | undefined;
  let changedLater = false;
  for (const record of history ?? []) {
    if (dayOf(record.at) <= date) last = record;
    else {
      changedLater = true;
      break;
    }
  }
  if (last) return { status: last.statusAfter, last };
  const milestoneLater = [action.agreedOn, action.startedOn, action.completedOn, action.closedOn].some((milestone) => milestone !== undefined && milestone > date);
  if (!changedLater && !milestoneLater) return { status: action.status };
  return { status: statusFromMilestones(action, date) };
}

/** Whether anything the snapshot rolls back (extensions, the last update, an override) happened after the date. */
function changedAfter(action: AsAtAction, date: IsoDate): boolean {
  return (
    action.extensions.some((extension) => dayOf(extension.on) > date) ||
    (action.lastUpdate !== undefined && dayOf(action.lastUpdate.on) > date) ||
    (action.ragOverride !== undefined && dayOf(action.ragOverride.on) > date) ||
    [action.agreedOn, action.startedOn, action.completedOn, action.closedOn].some((milestone) => milestone !== undefined && milestone > date)
  );
}

function upTo(value: IsoDate | undefined, date: IsoDate): IsoDate | undefined {
  return value !== undefined && value <= date ? value : undefined;
}

function statusFromMilestones(action: AsAtAction, date: IsoDate): ActionStatus {
  if (action.closedOn !== undefined && action.closedOn <= date) return 'CLOSED';
  if (action.completedOn !== undefined && action.completedOn <= date) return 'COMPLETED_AWAITING_EVIDENCE';
  if (action.startedOn !== undefined && action.startedOn <= date) return 'IN_PROGRESS';
  if (action.agreedOn !== undefined && action.agreedOn <= date) return 'AGREED';
  return 'PROPOSED';
}
