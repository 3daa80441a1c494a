import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr for large files; silent when output is not a terminal or the file is small. */
export function progressReporter(label: string, total: number): { update(done: number): void; stop(): void } {
  if (!process.stderr.isTTY || total < 200) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} rows`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
