import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new directory under the system's temp dir, removed after the tests of the describe block that asks for it, so a
 * test run leaves no SQLite files or report files behind. Call it at describe level (it registers an afterAll).
 */
export function tempDirForTests(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
