import type { Action } from '../../domain/actions/action';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { dipSamplePopulation, drawDipSample, fingerprint, MAX_DIP_SAMPLE, type DipSample } from '../../domain/reports/dip-sample';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { resolveAgency } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { assertCanDrawDipSample, assertCanRunReports } from './report-permissions';

/** What `dip sample <n> [agency] [seed <number>]` asks for. */
export interface DipSampleRequest {
  n: number;
  agencyText?: string;
  /** Given to repeat an earlier draw; otherwise the caller supplies a fresh random one. */
  seed?: number;
}

/** Reads "5", "5 police", "5 police seed 1234" or "5 seed 1234". */
export function parseDipSampleArgs(args: string): DipSampleRequest {
  const match = /^(\d{1,3})(?:\s+(.*?))?(?:\s*\bseed\s+(\d{1,10}))?$/i.exec(args.trim());
  if (!match) throw new ValidationError(`Say how many actions to sample: "dip sample <n> [agency]", with n from 1 to ${MAX_DIP_SAMPLE}.`, { field: 'n' }, 'DIP_SAMPLE.SIZE_INVALID');
  const seed = match[3] === undefined ? undefined : Number(match[3]);
  if (seed !== undefined && seed > 0xffffffff) throw new ValidationError('A seed is a whole number below 4294967296.', { field: 'seed' }, 'DIP_SAMPLE.SEED_INVALID');
  return { n: Number(match[1]), agencyText: match[2]?.trim() || undefined, seed };
}

/**
 * Draws a reproducible dip sample for PAI follow-up and stores it (kind dipSample) with its seed, population size and
 * fingerprint, so anyone can later redraw the same selection from the same records.
 */
export async function drawAndStoreDipSample(ctx: AppContext, actor: Actor, request: DipSampleRequest, freshSeed: () => number): Promise<Stored<DipSample>> {
  assertCanDrawDipSample(actor);
  const agency = request.agencyText ? await resolveAgency(ctx, request.agencyText) : undefined;
  const actions = await ctx.stores.actions.all(agency ? { where: { agencyId: agency.id } } : {});
  const population = dipSamplePopulation(actions, agency?.id);
  if (population.length === 0) throw new ValidationError('There are no actions to sample there yet.', {}, 'DIP_SAMPLE.EMPTY');
  const seed = request.seed ?? freshSeed() >>> 0;
  const selected = drawDipSample(population, request.n, seed);
  const now = ctx.clock.now().toISOString();
  const sample: DipSample = {
    id: `dip-${now.replace(/[^0-9]/g, '').slice(0, 14)}-${seed.toString(16)}`,
    seed,
    requested: request.n,
    ...(agency ? { agencyId: agency.id } : {}),
    populationSize: population.length,
    populationFingerprint: fingerprint(population.map((action) => action.id)),
    actionIds: selected.map((action) => action.id),
    actionRefs: selected.map((action) => action.ref),
    createdAt: now,
    createdBy: actor.aadObjectId,
    createdByName: actor.name,
  };
  const [saved] = await ctx.stores.commit([
    ctx.stores.dipSamples.op.create(sample),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.dipSample, subjectId: sample.id, operation: 'draw', after: { seed, n: request.n, agencyId: agency?.id ?? null, selected: sample.actionRefs.length } }),
  ]);
  return saved as Stored<DipSample>;
}

/** `dip samples`: the samples drawn so far, newest first. */
export async function listDipSamples(ctx: AppContext, actor: Actor): Promise<Stored<DipSample>[]> {
  assertCanRunReports(actor);
  return (await ctx.stores.dipSamples.all()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The sampled actions as they stand now, in draw order (missing ones, if deleted, are skipped). */
export async function sampledActions(ctx: AppContext, sample: DipSample): Promise<Stored<Action>[]> {
  const found = await Promise.all(sample.actionIds.map((id) => ctx.stores.actions.get(id)));
  return found.filter((action): action is Stored<Action> => action !== undefined);
}
