import { isIsoDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import { normaliseEnumText } from '../enum-text';

/** Cycle stages (docs/design/domain.md lifecycles): each moves on to the next with `s11 stage <stage>`. */
export const S11_STAGES = ['OPEN', 'RETURNS_CLOSED', 'MODERATION', 'FEEDBACK', 'CLOSED'] as const;
export type S11Stage = (typeof S11_STAGES)[number];

export const S11_STAGE_LABELS: Readonly<Record<S11Stage, string>> = Object.freeze({
  OPEN: 'Open for returns',
  RETURNS_CLOSED: 'Returns closed',
  MODERATION: 'Moderation',
  FEEDBACK: 'Feedback',
  CLOSED: 'Closed',
});

/** One yearly Section 11 audit, labelled like `2026/27`. */
export interface S11Cycle {
  /** `s11-2026-27`. */
  id: string;
  label: string;
  frameworkId: string;
  openedOn: IsoDate;
  dueDate: IsoDate;
  stage: S11Stage;
  /** The agencies asked for a return (active, with the Section 11 duty, when it opened). */
  agencyIds: string[];
  /** True for a past cycle written by `import s11-returns`. */
  imported?: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Cycle labels are years such as `2026/27` (or `2026-27`); the id keeps only safe characters. */
export function parseCycleLabel(text: string): string {
  const match = /^(\d{4})\s*[/-]\s*(\d{2})$/.exec(text.trim());
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new ValidationError('Name the cycle as a year, for example 2026/27.', { field: 'cycle' }, 'S11.CYCLE_LABEL');
  }
  return `${match[1]}/${match[2]}`;
}

export function cycleIdOf(label: string): string {
  return `s11-${parseCycleLabel(label).replace('/', '-')}`;
}

export function parseS11Stage(text: string): S11Stage {
  const wanted = normaliseEnumText(text);
  const found = S11_STAGES.find((stage) => stage === wanted);
  if (!found) throw new ValidationError(`Unknown stage. Use one of: ${S11_STAGES.join(', ')}.`, { field: 'stage', allowed: S11_STAGES }, 'S11.STAGE_INVALID');
  return found;
}

/** A new cycle: open, with its agencies and due date. */
export function openCycle(
  input: { label: string; frameworkId: string; openedOn: IsoDate; dueDate: IsoDate; agencyIds: string[] },
  stamp: { by: string; on: string },
): S11Cycle {
  const label = parseCycleLabel(input.label);
  if (!isIsoDate(input.dueDate)) throw new ValidationError('The due date must be a real date (YYYY-MM-DD).', { field: 'due' }, 'S11.DUE_INVALID');
  if (input.dueDate <= input.openedOn) throw new ValidationError('The due date must be after today.', { field: 'due' }, 'S11.DUE_INVALID');
  if (input.agencyIds.length === 0) throw new ValidationError('No active agency has the Section 11 duty, so there is nobody to ask.', {}, 'S11.NO_AGENCIES');
  return {
    id: cycleIdOf(label),
    label,
    frameworkId: input.frameworkId,
    openedOn: input.openedOn,
    dueDate: input.dueDate,
    stage: 'OPEN',
    agencyIds: [...input.agencyIds],
    createdAt: stamp.on,
    createdBy: stamp.by,
    updatedAt: stamp.on,
    updatedBy: stamp.by,
  };
}

/** Stages move forward one at a time; a closed cycle stays closed. */
export function moveStage(cycle: S11Cycle, to: S11Stage, stamp: { by: string; on: string }): S11Cycle {
  const from = S11_STAGES.indexOf(cycle.stage);
  const target = S11_STAGES.indexOf(to);
  if (target !== from + 1) {
    throw new InvalidTransitionError('S11.STAGE_ORDER', `The cycle is at "${S11_STAGE_LABELS[cycle.stage]}"; it can move only to the next stage${from + 1 < S11_STAGES.length ? ` (${S11_STAGES[from + 1]})` : ''}.`, { from: cycle.stage, to });
  }
  return { ...cycle, stage: to, updatedAt: stamp.on, updatedBy: stamp.by };
}
