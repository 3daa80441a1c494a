import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { COMMANDS, type CommandSpec } from '../src/domain/commands';
import { repoRoot } from './make-icons';

/**
 * Builds the Teams app package: appPackage/manifest.json with the Toolkit placeholders filled in from the
 * environment, validated offline against the schema bundled in @microsoft/app-manifest, zipped with the icons
 * into build/appPackage.zip. Run: `BOT_ID=<guid> [TEAMS_APP_ID=<guid>] npm run package [-- --env dev]`.
 * After changing the command catalog: `npm run package -- --sync-commands` rewrites the manifest's commandLists.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Teams' icon rules: the colour icon 192x192, the outline 32x32 white on transparent. */
export const ICON_RULES = {
  color: { file: 'color.png', width: 192, height: 192 },
  outline: { file: 'outline.png', width: 32, height: 32 },
} as const;

/** Refused input: the message says what to do. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PackageError';
  }
}

/**
 * Fills `${{BOT_ID}}` and `${{TEAMS_APP_ID}}` in the manifest text. BOT_ID must be the bot's Microsoft App ID (a
 * GUID); TEAMS_APP_ID, when unset, falls back to BOT_ID. Any other placeholder is refused rather than left in.
 */
export function substitutePlaceholders(manifestText: string, env: Record<string, string | undefined>): string {
  const problems: string[] = [];
  const botId = env.BOT_ID?.trim() ?? '';
  const teamsAppId = env.TEAMS_APP_ID?.trim() || botId;
  if (!botId) {
    problems.push('BOT_ID is not set: set it to the bot\'s Microsoft App ID (a GUID, from the Azure Bot resource), e.g. BOT_ID=<guid> npm run package');
  } else if (!GUID.test(botId)) {
    problems.push(`BOT_ID must be a GUID (the bot's Microsoft App ID), not "${botId}"`);
  }
  if (env.TEAMS_APP_ID?.trim() && !GUID.test(env.TEAMS_APP_ID.trim())) {
    problems.push(`TEAMS_APP_ID must be a GUID, not "${env.TEAMS_APP_ID.trim()}"`);
  }
  const values: Record<string, string> = { BOT_ID: botId, TEAMS_APP_ID: teamsAppId };
  const unknown = new Set<string>();
  const text = manifestText.replace(PLACEHOLDER, (match, name: string) => {
    if (name in values) return values[name];
    unknown.add(name);
    return match;
  });
  for (const name of unknown) problems.push(`the manifest uses \${{${name}}}, which this script does not fill in`);
  if (problems.length > 0) throw new PackageError(problems);
  return text;
}

/**
 * Validates a manifest against the Teams JSON schema named by its `$schema`, loaded from the copy bundled in
 * @microsoft/app-manifest: never from the network (the package would otherwise fetch unknown versions).
 * Returns one readable line per problem; empty when valid.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return ['the manifest is not a JSON object'];
  const schemaUrl = (manifest as { $schema?: unknown }).$schema;
  if (typeof schemaUrl !== 'string') return ['the manifest has no $schema'];
  const schemaFile = bundledSchemaFile(schemaUrl);
  if (!schemaFile) {
    return [`$schema ${schemaUrl} is not bundled in @microsoft/app-manifest, so it cannot be checked offline; use a version it bundles`];
  }
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  return errors.map((error) => (error.startsWith('must') ? `(top level) ${error}` : error).trim());
}

/** The bundled schema file for a developer.microsoft.com schema URL, or undefined if the package lacks it. */
export function bundledSchemaFile(schemaUrl: string): string | undefined {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/[^?#]+\.json)$/i.exec(schemaUrl);
  if (!match || match[1].includes('..')) return undefined;
  const packageBuild = dirname(require.resolve('@microsoft/app-manifest'));
  const file = join(packageBuild, match[1]);
  return existsSync(file) ? file : undefined;
}

/** Differences between the manifest's command lists and the catalog's `inManifest` commands, scope by scope. */
export function commandListProblems(manifest: unknown, catalog: readonly CommandSpec[] = COMMANDS): string[] {
  const expected = catalog.filter((command) => command.inManifest).map((command) => ({ title: command.name, description: command.description }));
  const bot = (manifest as { bots?: { scopes?: string[]; commandLists?: { scopes: string[]; commands: { title: string; description?: string }[] }[] }[] }).bots?.[0];
  if (!bot) return ['the manifest declares no bot'];
  const problems: string[] = [];
  for (const scope of bot.scopes ?? []) {
    const list = bot.commandLists?.find((candidate) => candidate.scopes.includes(scope));
    const actual = (list?.commands ?? []).map((command) => ({ title: command.title, description: command.description }));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(
        `commandLists for scope "${scope}" do not match src/domain/commands.ts (inManifest commands): expected ${expected.map((c) => c.title).join(', ')}; found ${actual.map((c) => c.title).join(', ') || 'none'} (titles and descriptions must match)`,
      );
    }
  }
  return problems;
}

/** The manifest with each bot scope's command list rewritten from the catalog (what `--sync-commands` writes). */
export function withCatalogCommands<T>(manifest: T, catalog: readonly CommandSpec[] = COMMANDS): T {
  const copy = JSON.parse(JSON.stringify(manifest)) as T & { bots?: { scopes?: string[]; commandLists?: unknown[] }[] };
  const commands = catalog.filter((command) => command.inManifest).map((command) => ({ title: command.name, description: command.description }));
  for (const bot of copy.bots ?? []) {
    bot.commandLists = (bot.scopes ?? []).filter((scope) => scope !== 'copilot').map((scope) => ({ scopes: [scope], commands }));
  }
  return copy;
}

export interface PngImage {
  width: number;
  height: number;
  /** 8-bit RGBA, row-major; undefined for formats this reader does not decode (it still reports the size). */
  rgba?: Uint8Array;
}

/** Reads a PNG's size, and its pixels for the common 8-bit RGB/RGBA non-interlaced case. */
export function readPng(bytes: Buffer): PngImage {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new PackageError(['not a PNG file']);
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24];
  const colourType = bytes[25];
  const interlace = bytes[28];
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (bitDepth !== 8 || channels === 0 || interlace !== 0) return { width, height };
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new PackageError([`PNG filter type ${filter} is not valid`]);
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixels.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Problems with the two icons: sizes, and the outline being white on transparent. */
export function iconProblems(icons: { color: Buffer; outline: Buffer }): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const rule = ICON_RULES[kind];
    let image: PngImage;
    try {
      image = readPng(icons[kind]);
    } catch (error) {
      problems.push(`${rule.file}: ${(error as Error).message}`);
      continue;
    }
    if (image.width !== rule.width || image.height !== rule.height) {
      problems.push(`${rule.file} is ${image.width}x${image.height}; Teams needs ${rule.width}x${rule.height}`);
    }
    if (kind === 'outline' && image.rgba) {
      const { rgba } = image;
      let opaqueBackground = false;
      let notWhite = false;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3] === 0) continue;
        if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) notWhite = true;
        if (i === 0 && rgba[i + 3] === 255) opaqueBackground = true;
      }
      if (notWhite) problems.push(`${rule.file} must be white on a transparent background (found pixels that are not white)`);
      if (opaqueBackground) problems.push(`${rule.file} must have a transparent background (the corner pixel is opaque)`);
    }
  }
  return problems;
}

/** Zips the manifest and icons at the root of the archive, as Teams expects; fixed dates keep the zip reproducible. */
export async function buildAppPackage(manifestJson: string, icons: { color: Buffer; outline: Buffer }): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2020-01-01T00:00:00Z');
  zip.file('manifest.json', manifestJson, { date });
  zip.file(ICON_RULES.color.file, icons.color, { date });
  zip.file(ICON_RULES.outline.file, icons.outline, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Every check, then the zip: what `npm run package` does, minus reading and writing files. */
export async function packageApp(
  manifestText: string,
  icons: { color: Buffer; outline: Buffer },
  env: Record<string, string | undefined>,
): Promise<{ zip: Buffer; manifest: Record<string, unknown> }> {
  const text = substitutePlaceholders(manifestText, env);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new PackageError([`appPackage/manifest.json is not valid JSON: ${(error as Error).message}`]);
  }
  const problems = [
    ...(await validateManifest(manifest)).map((error) => `schema: ${error}`),
    ...commandListProblems(manifest),
    ...iconProblems(icons),
  ];
  if (problems.length > 0) throw new PackageError(problems);
  return { zip: await buildAppPackage(`${JSON.stringify(manifest, null, 2)}\n`, icons), manifest };
}

function loadEnvironment(args: string[]): string | undefined {
  const index = args.indexOf('--env');
  if (index === -1) return undefined;
  const name = args[index + 1];
  if (!name || !/^[a-z0-9-]+$/i.test(name)) throw new PackageError(['--env needs a name, e.g. --env dev (reads env/.env.dev and env/.env.dev.user)']);
  const root = repoRoot();
  const loaded: string[] = [];
  // The .user file (secrets, git-ignored) first: loadEnvFile never overrides a variable already set.
  for (const file of [join(root, 'env', `.env.${name}.user`), join(root, 'env', `.env.${name}`)]) {
    if (existsSync(file)) {
      process.loadEnvFile(file);
      loaded.push(relative(root, file));
    }
  }
  if (loaded.length === 0) throw new PackageError([`--env ${name}: neither env/.env.${name} nor env/.env.${name}.user exists`]);
  return loaded.join(', ');
}

async function main(): Promise<void> {
  const root = repoRoot();
  if (process.argv.includes('--sync-commands')) {
    const file = join(root, 'appPackage', 'manifest.json');
    const synced = withCatalogCommands(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, `${JSON.stringify(synced, null, 2)}\n`);
    console.log(`Rewrote the commandLists in ${relative(process.cwd(), file)} from src/domain/commands.ts.`);
    return;
  }
  const loaded = loadEnvironment(process.argv.slice(2));
  if (loaded) console.log(`Read ${loaded}`);
  const folder = join(root, 'appPackage');
  const manifestText = readFileSync(join(folder, 'manifest.json'), 'utf8');
  const icons = { color: readFileSync(join(folder, ICON_RULES.color.file)), outline: readFileSync(join(folder, ICON_RULES.outline.file)) };
  const { zip, manifest } = await packageApp(manifestText, icons, process.env);
  const output = join(root, 'build', 'appPackage.zip');
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, zip);
  const bot = (manifest.bots as { botId: string }[])[0];
  console.log(`Manifest ${manifest.manifestVersion} is valid (app id ${manifest.id}, bot id ${bot.botId}).`);
  console.log(`Wrote ${relative(process.cwd(), output) || output} (${zip.length} bytes): upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin centre.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof PackageError) {
      console.error('Cannot package the Teams app:');
      for (const problem of error.problems) console.error(`  - ${problem}`);
    } else {
      console.error('Packaging failed:', error);
    }
    process.exit(1);
  });
}
