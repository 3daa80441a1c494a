/** Percentile of already-collected samples (nearest-rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Times `run` `count` times after `warmup` untimed runs; returns milliseconds per run. */
export async function sample(count: number, run: (index: number) => Promise<unknown>, warmup = Math.min(20, count)): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await run(index);
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    await run(index);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** One printed line: a figure's name, then its values. */
export function row(name: string, ...values: string[]): void {
  console.log(`${name.padEnd(48)} ${values.join('   ')}`);
}

export function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}
