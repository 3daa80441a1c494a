import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportToRead } from '../../app/transfer/import-all';
import type { PartnershipExport } from '../../app/transfer/export-format';
import { ValidationError } from '../../domain/errors';

const MANIFEST = 'manifest.json';
const LINES = '.jsonl';

/**
 * Writes an export as `<kind>.jsonl` files (one record a line) and `manifest.json`, into a new or empty directory.
 * The manifest is written last, so a directory without one is an export that did not finish.
 */
export async function writeExportDirectory(dir: string, data: PartnershipExport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new ValidationError(`${dir} is not empty: export all writes into a new or empty directory.`, {}, 'EXPORT.DIRECTORY_NOT_EMPTY');
  const written: string[] = [];
  for (const [kind, records] of Object.entries(data.records)) {
    if (records.length === 0) continue;
    const file = join(dir, `${kind}${LINES}`);
    await writeFile(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''), { encoding: 'utf8', mode: 0o600 });
    written.push(file);
  }
  const manifest = join(dir, MANIFEST);
  await writeFile(manifest, `${JSON.stringify(data.manifest, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  return [...written, manifest];
}

/** Reads an export directory back: the manifest and each `.jsonl` file's lines; the use case checks them. */
export async function readExportDirectory(dir: string): Promise<ExportToRead> {
  let manifestText: string;
  try {
    manifestText = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    throw new ValidationError(`${dir} has no ${MANIFEST}: name a directory written by "export all".`, {}, 'IMPORT.NOT_AN_EXPORT');
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    throw new ValidationError(`${MANIFEST} is not valid JSON.`, {}, 'IMPORT.NOT_AN_EXPORT');
  }
  const files: ExportToRead['files'] = {};
  for (const name of (await readdir(dir)).filter((entry) => entry.endsWith(LINES)).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    files[name.slice(0, -LINES.length)] = text.split('\n').filter((line) => line.trim() !== '');
  }
  return { manifest, files };
}
