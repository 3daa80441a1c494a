import * as ACData from 'adaptivecards-templating';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Teams accepts about 28 KB for a card message; cards are checked against it (docs/design/platform.md). */
export const MAX_CARD_BYTES = 28 * 1024;

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Finds the adaptiveCards/ folder from src/ (ts-jest) or dist/src/ (built), whichever this file runs from. */
export function findTemplatesDir(start = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'adaptiveCards'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('adaptiveCards/ folder not found above ' + start);
    dir = parent;
  }
  return join(dir, 'adaptiveCards');
}

/**
 * Expands the JSON templates in adaptiveCards/ with data. Templates are read once at start-up; the only
 * importer of adaptivecards-templating.
 */
export class CardRenderer {
  private readonly templates = new Map<string, object>();
  /** Parsed once per template: building a Template costs ~25x an expansion (a tick renders thousands of reminders). */
  private readonly compiled = new Map<string, ACData.Template>();

  constructor(templatesDir = findTemplatesDir()) {
    for (const file of readdirSync(templatesDir).filter((name) => name.endsWith('.json'))) {
      this.templates.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as object);
    }
  }

  /** Template names (file names without .json), for tests that walk every card. */
  names(): string[] {
    return [...this.templates.keys()];
  }

  /** The raw template, for tests that check verbs and bindings. */
  template(name: string): object {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No card template named ${name}`);
    return template;
  }

  render(name: string, data: object): AdaptiveCard {
    const card = this.expand(name, data);
    const bytes = cardBytes(card);
    if (bytes > MAX_CARD_BYTES) throw new Error(`Card ${name} is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
    return card;
  }

  /** Expands without the size check, for builders that measure a card and split it when it is too large. */
  expand(name: string, data: object): AdaptiveCard {
    let template = this.compiled.get(name);
    if (!template) {
      template = new ACData.Template(this.template(name));
      this.compiled.set(name, template);
    }
    const card = template.expand({ $root: data }) as AdaptiveCard;
    if (JSON.stringify(card).includes('${')) throw new Error(`Card ${name} has an unbound template expression`);
    return card;
  }
}

/** A card's size as Teams counts it: the UTF-8 bytes of its JSON. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card));
}
