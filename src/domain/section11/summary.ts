import { ACTION_STATUSES, type ActionStatus } from '../actions/action';
import type { S11Standard, S11Rating, RatingChange } from './framework';
import { ratingChange } from './framework';
import { isReturned, type S11Return, type S11ReturnStatus } from './return';

/** What the Section 11 summary reads: one cycle's returns, the previous cycle's for the change, and its actions. */
export interface S11SummaryInput {
  cycleLabel: string;
  previousCycleLabel?: string;
  standards: readonly Pick<S11Standard, 'number' | 'title'>[];
  /** The agencies asked for a return, with names. */
  agencies: readonly { id: string; name: string }[];
  returns: readonly Pick<S11Return, 'agencyId' | 'status' | 'answers'>[];
  previousReturns: readonly Pick<S11Return, 'agencyId' | 'answers'>[];
  /** The cycle's improvement actions (source SECTION_11). */
  actions: readonly { status: ActionStatus }[];
}

export interface S11Cell {
  standard: string;
  self?: S11Rating;
  moderated?: S11Rating;
  /** The moderated rating against last cycle's moderated rating. */
  change?: RatingChange;
}

export interface S11AgencyRow {
  agencyId: string;
  agency: string;
  status: S11ReturnStatus;
  returned: boolean;
  /** % of the standards that apply (not `NOT_APPLICABLE`) rated fully met; undefined when none are rated. */
  selfFullyMetPct?: number;
  moderatedFullyMetPct?: number;
  cells: S11Cell[];
}

export interface S11StandardRow {
  number: string;
  title: string;
  /** % of returned agencies, for which the standard applies, that rated it fully met. */
  selfFullyMetPct?: number;
  moderatedFullyMetPct?: number;
  /** How many returned agencies the percentages are out of. */
  selfBase: number;
  moderatedBase: number;
  better: number;
  same: number;
  worse: number;
}

export interface S11Summary {
  cycleLabel: string;
  previousCycleLabel?: string;
  asked: number;
  returned: number;
  standards: S11StandardRow[];
  agencies: S11AgencyRow[];
  notReturned: string[];
  actionsByStatus: { status: ActionStatus; count: number }[];
  /** Across every returned agency and standard that applies. */
  selfFullyMetPct?: number;
  moderatedFullyMetPct?: number;
}

/** Whole-number percentage, undefined when there is nothing to divide by. */
export function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : Math.round((100 * part) / whole);
}

/** Counts fully met among ratings that apply. */
class Tally {
  met = 0;
  base = 0;
  add(rating: S11Rating | undefined): void {
    if (rating === undefined || rating === 'NOT_APPLICABLE') return;
    this.base += 1;
    if (rating === 'FULLY_MET') this.met += 1;
  }
  pct(): number | undefined {
    return percent(this.met, this.base);
  }
}

/**
 * The Section 11 compliance summary (docs/design/domain.md report 5): self and moderated ratings by agency and standard, % fully
 * met per standard and per agency over returned agencies (a `NOT_APPLICABLE` rating is left out of the base), the
 * change of each moderated rating from the previous cycle, agencies not returned, and improvement actions by status.
 */
export function s11Summary(input: S11SummaryInput): S11Summary {
  const returnsBy = new Map(input.returns.map((ret) => [ret.agencyId, ret]));
  const previousBy = new Map(input.previousReturns.map((ret) => [ret.agencyId, ret]));
  const standardSelf = input.standards.map(() => new Tally());
  const standardModerated = input.standards.map(() => new Tally());
  const changes = input.standards.map(() => ({ better: 0, same: 0, worse: 0 }));
  const allSelf = new Tally();
  const allModerated = new Tally();

  const agencies: S11AgencyRow[] = input.agencies.map((agency) => {
    const ret = returnsBy.get(agency.id);
    const status: S11ReturnStatus = ret?.status ?? 'NOT_STARTED';
    const returned = isReturned(status);
    const self = new Tally();
    const moderated = new Tally();
    const previous = previousBy.get(agency.id);
    const cells = input.standards.map((standard, index): S11Cell => {
      const answer = ret?.answers[standard.number];
      const cell: S11Cell = { standard: standard.number, self: answer?.selfRating, moderated: answer?.moderatedRating };
      if (!returned) return cell;
      cell.change = ratingChange(previous?.answers[standard.number]?.moderatedRating, answer?.moderatedRating);
      if (cell.change) changes[index][cell.change] += 1;
      for (const tally of [self, standardSelf[index], allSelf]) tally.add(cell.self);
      for (const tally of [moderated, standardModerated[index], allModerated]) tally.add(cell.moderated);
      return cell;
    });
    return { agencyId: agency.id, agency: agency.name, status, returned, selfFullyMetPct: returned ? self.pct() : undefined, moderatedFullyMetPct: returned ? moderated.pct() : undefined, cells };
  });

  const counts = new Map<ActionStatus, number>();
  for (const action of input.actions) counts.set(action.status, (counts.get(action.status) ?? 0) + 1);

  return {
    cycleLabel: input.cycleLabel,
    previousCycleLabel: input.previousCycleLabel,
    asked: input.agencies.length,
    returned: agencies.filter((row) => row.returned).length,
    standards: input.standards.map((standard, index) => ({
      number: standard.number,
      title: standard.title,
      selfFullyMetPct: standardSelf[index].pct(),
      moderatedFullyMetPct: standardModerated[index].pct(),
      selfBase: standardSelf[index].base,
      moderatedBase: standardModerated[index].base,
      ...changes[index],
    })),
    agencies,
    notReturned: agencies.filter((row) => !row.returned).map((row) => row.agency),
    actionsByStatus: ACTION_STATUSES.filter((status) => counts.has(status)).map((status) => ({ status, count: counts.get(status) as number })),
    selfFullyMetPct: allSelf.pct(),
    moderatedFullyMetPct: allModerated.pct(),
  };
}
