import type { Action, ActionStatus } from '../actions/action';
import { ValidationError } from '../errors';
import { byId } from './common';

/** Largest sample a PAI asks for in one go: a dip sample is a handful of plans, not an audit. */
export const MAX_DIP_SAMPLE = 50;

/** Withdrawn and superseded actions have nothing to check; every other action, open or closed, can be sampled. */
const NOT_SAMPLED: ReadonlySet<ActionStatus> = new Set(['WITHDRAWN', 'SUPERSEDED']);

/** A stored dip sample (kind dipSample): the seed and population make the selection reproducible. */
export interface DipSample {
  id: string;
  seed: number;
  requested: number;
  agencyId?: string;
  /** Actions the sample was drawn from, ordered by id, and a fingerprint of their ids. */
  populationSize: number;
  populationFingerprint: string;
  actionIds: string[];
  actionRefs: string[];
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

/** The sampling frame: sampleable actions of one agency (or all), in id order so the seed alone fixes the draw. */
export function dipSamplePopulation(actions: readonly Action[], agencyId?: string): Action[] {
  return actions.filter((action) => !NOT_SAMPLED.has(action.status) && (agencyId === undefined || action.agencyId === agencyId)).sort(byId);
}

/**
 * Draws `n` actions without replacement with a seeded PRNG (mulberry32, partial Fisher–Yates). The same seed and the
 * same population always give the same selection, in draw order.
 */
export function drawDipSample<T extends { id: string }>(population: readonly T[], n: number, seed: number): T[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DIP_SAMPLE) {
    throw new ValidationError(`A dip sample is 1 to ${MAX_DIP_SAMPLE} actions, e.g. "dip sample 5".`, { field: 'n' }, 'DIP_SAMPLE.SIZE_INVALID');
  }
  const pool = [...population];
  const random = mulberry32(seed);
  const take = Math.min(n, pool.length);
  for (let index = 0; index < take; index += 1) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, take);
}

/** A small, well-known 32-bit PRNG: reproducible everywhere, no dependency. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the ids: tells a later reader whether the population has changed since the draw. */
export function fingerprint(ids: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const id of ids) {
    for (let index = 0; index < id.length; index += 1) {
      hash ^= id.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= 0x0a;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
