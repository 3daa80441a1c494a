import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { COMMAND_HANDLERS } from '../../src/bot/teams/create-bot-app';
import { COMMANDS } from '../../src/domain/commands';
import { makeColorIcon, makeOutlineIcon } from '../../scripts/make-icons';
import {
  buildAppPackage,
  commandListProblems,
  iconProblems,
  packageApp,
  PackageError,
  readPng,
  substitutePlaceholders,
  validateManifest,
  withCatalogCommands,
} from '../../scripts/package-app';

// @microsoft/app-manifest requires strip-bom 5, which is ESM only: Node 20 loads it (require(esm)), jest on Node 20
// cannot. The package only strips a BOM when reading files, which these tests never ask it to do.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const ROOT = join(__dirname, '..', '..');
const manifestText = readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8');
const icons = {
  color: readFileSync(join(ROOT, 'appPackage', 'color.png')),
  outline: readFileSync(join(ROOT, 'appPackage', 'outline.png')),
};
const SAMPLE = { BOT_ID: '5f1d6c1e-8f7a-4b1e-9c2d-3a4b5c6d7e8f', TEAMS_APP_ID: '0b9a8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d' };

interface ManifestBot {
  botId: string;
  scopes: string[];
  supportsFiles?: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

function substituted(env: Record<string, string | undefined> = SAMPLE) {
  return JSON.parse(substitutePlaceholders(manifestText, env)) as Record<string, unknown> & { bots: ManifestBot[] };
}

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PackageError);
    return (error as PackageError).message;
  }
  throw new Error('expected a PackageError');
}

describe('Teams app manifest', () => {
  const manifest = JSON.parse(manifestText) as { bots: ManifestBot[]; id: string };
  const bot = manifest.bots[0];
  const expected = COMMANDS.filter((command) => command.inManifest).map((command) => ({ title: command.name, description: command.description }));

  it('offers the bot in personal chat, team channels and group chat, with file support', () => {
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(bot.botId).toBe('${{BOT_ID}}');
  });

  it.each(['personal', 'team', 'groupChat'])('lists exactly the catalog commands marked inManifest in the %s scope', (scope) => {
    const lists = bot.commandLists.filter((list) => list.scopes.includes(scope));
    expect(lists).toHaveLength(1);
    expect(lists[0].commands).toEqual(expected);
  });

  it('agrees with the catalog by the same check npm run package makes', () => {
    expect(commandListProblems(manifest)).toEqual([]);
    const drifted = JSON.parse(manifestText) as { bots: ManifestBot[] };
    drifted.bots[0].commandLists[1].commands.pop();
    expect(commandListProblems(drifted)).toEqual([expect.stringContaining('scope "team"')]);
  });

  it('keeps to the 10 commands a scope menu shows', () => {
    for (const list of bot.commandLists) expect(list.commands.length).toBeLessThanOrEqual(10);
  });

  it('can be brought back in line with the catalog by --sync-commands', () => {
    const drifted = JSON.parse(manifestText) as { bots: ManifestBot[] };
    drifted.bots[0].commandLists = [];
    expect(commandListProblems(drifted)).toHaveLength(3);
    expect(commandListProblems(withCatalogCommands(drifted))).toEqual([]);
    expect(withCatalogCommands(manifest)).toEqual(manifest);
  });

  it('has a handler for every catalog command and a catalog entry for every handler', () => {
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual(COMMANDS.map((command) => command.name).sort());
  });

  it('validates offline against the bundled Teams schema once the placeholders are filled in', async () => {
    const filled = substituted();
    expect(filled.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(filled.bots[0].botId).toBe(SAMPLE.BOT_ID);
    expect(await validateManifest(filled)).toEqual([]);
  });

  it('reports each schema problem on its own line with its path', async () => {
    const broken = substituted();
    broken.accentColor = 'blue';
    (broken.developer as Record<string, unknown>).privacyUrl = 'not-a-url';
    const errors = await validateManifest(broken);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/accentColor /), expect.stringMatching(/^\/developer\/privacyUrl /)]));
  });

  it('refuses a $schema that is not bundled rather than fetching it', async () => {
    const future = { ...substituted(), $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json' };
    expect(await validateManifest(future)).toEqual([expect.stringContaining('not bundled')]);
  });
});

describe('placeholder substitution', () => {
  it('refuses a missing BOT_ID', () => {
    expect(refusal(() => substitutePlaceholders(manifestText, {}))).toMatch(/BOT_ID is not set/);
  });

  it('refuses a BOT_ID that is not a GUID', () => {
    expect(refusal(() => substitutePlaceholders(manifestText, { BOT_ID: 'assurance-bot' }))).toMatch(/BOT_ID must be a GUID/);
  });

  it('refuses a TEAMS_APP_ID that is not a GUID', () => {
    expect(refusal(() => substitutePlaceholders(manifestText, { BOT_ID: SAMPLE.BOT_ID, TEAMS_APP_ID: '42' }))).toMatch(/TEAMS_APP_ID must be a GUID/);
  });

  it('uses BOT_ID as the app id when TEAMS_APP_ID is unset', () => {
    expect(substituted({ BOT_ID: SAMPLE.BOT_ID }).id).toBe(SAMPLE.BOT_ID);
  });

  it('refuses placeholders it does not know', () => {
    expect(refusal(() => substitutePlaceholders('{"x":"${{BOT_DOMAIN}}"}', SAMPLE))).toMatch(/\$\{\{BOT_DOMAIN\}\}/);
  });
});

describe('icons', () => {
  it('are 192x192 (colour) and 32x32 (outline)', () => {
    expect(readPng(icons.color)).toMatchObject({ width: 192, height: 192 });
    expect(readPng(icons.outline)).toMatchObject({ width: 32, height: 32 });
    expect(iconProblems(icons)).toEqual([]);
  });

  it('has a white-on-transparent outline and an opaque colour icon', () => {
    const outline = readPng(icons.outline).rgba as Uint8Array;
    let drawn = 0;
    let notWhite = 0;
    for (let i = 0; i < outline.length; i += 4) {
      if (outline[i + 3] === 0) continue;
      drawn++;
      if (outline[i] !== 255 || outline[i + 1] !== 255 || outline[i + 2] !== 255) notWhite++;
    }
    expect(notWhite).toBe(0);
    expect(outline[3]).toBe(0);
    expect(drawn).toBeGreaterThan(50);
    const color = readPng(icons.color).rgba as Uint8Array;
    expect(color.every((value, index) => index % 4 !== 3 || value === 255)).toBe(true);
  });

  it('match what scripts/make-icons.ts draws', () => {
    const pixels = (png: Buffer) => Buffer.from(readPng(png).rgba as Uint8Array);
    expect(pixels(makeColorIcon()).equals(pixels(icons.color))).toBe(true);
    expect(pixels(makeOutlineIcon()).equals(pixels(icons.outline))).toBe(true);
  });

  it('are refused at the wrong size', () => {
    expect(iconProblems({ color: icons.outline, outline: icons.color })).toEqual(
      expect.arrayContaining(['color.png is 32x32; Teams needs 192x192', 'outline.png is 192x192; Teams needs 32x32']),
    );
  });
});

describe('app package zip', () => {
  it('holds manifest.json, color.png and outline.png at its root, with the ids filled in', async () => {
    const { zip } = await packageApp(manifestText, icons, SAMPLE);
    const archive = await JSZip.loadAsync(zip);
    expect(Object.keys(archive.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await archive.file('manifest.json')!.async('string'));
    expect(packed.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(packed.bots[0].botId).toBe(SAMPLE.BOT_ID);
    expect(await archive.file('color.png')!.async('nodebuffer')).toEqual(icons.color);
    expect(await archive.file('outline.png')!.async('nodebuffer')).toEqual(icons.outline);
  });

  it('is byte-for-byte reproducible', async () => {
    const text = substitutePlaceholders(manifestText, SAMPLE);
    expect((await buildAppPackage(text, icons)).equals(await buildAppPackage(text, icons))).toBe(true);
  });

  it('is not built when BOT_ID is not a GUID', async () => {
    await expect(packageApp(manifestText, icons, { BOT_ID: 'not-a-guid' })).rejects.toThrow(/BOT_ID must be a GUID/);
  });
});
