// Lint: TypeScript recommended rules, plus the layer rules of docs/design/architecture.md, for packages
// (no SDK or I/O in the core, the Teams SDK only behind its seam) and for relative imports between layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const coreForbidden = [
  'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@azure/*', 'restify',
  'adaptivecards-templating', 'adaptivecards', 'better-sqlite3', 'fs', 'node:fs', 'fs/*', 'node:fs/*',
  'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process',
  'pino', 'croner', 'exceljs', 'csv-parse', 'csv-parse/*',
];
const teamsSdk = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'];

/** Layer folders under src/, and the composition files that may import anything. */
const layer = (name) => `./src/${name}`;
const everythingOutside = (...allowed) =>
  ['domain', 'ports', 'app', 'adapters', 'bot', 'cards', 'http', 'cli', 'scheduler', 'compose.ts', 'index.ts', 'config.ts']
    .filter((name) => !allowed.includes(name))
    .map(layer);

/** Which layer may not import which (architecture.md, "Rules that keep it easy to change"). */
const zones = [
  { target: layer('domain'), from: everythingOutside('domain'), message: 'The domain imports only the domain.' },
  { target: layer('ports'), from: everythingOutside('domain', 'ports'), message: 'Ports import only the domain.' },
  { target: layer('app'), from: everythingOutside('domain', 'ports', 'app'), message: 'Use cases import the domain and ports only.' },
  { target: layer('adapters'), from: [layer('bot'), layer('cards'), layer('http'), layer('cli'), layer('scheduler'), layer('compose.ts'), layer('index.ts')], message: 'Adapters never import the bot or the layers that use them.' },
  { target: layer('bot'), from: [layer('adapters/sqlite'), layer('adapters/cosmos'), layer('adapters/reports'), layer('adapters/system'), layer('adapters/create-store.ts'), layer('adapters/notifying-store.ts'), layer('ports/document-store.ts'), layer('http'), layer('cli'), layer('scheduler'), layer('compose.ts'), layer('index.ts')], message: 'The bot reaches data only through use cases; files and stores come injected.' },
  { target: layer('cards'), from: [layer('adapters'), layer('bot'), layer('http'), layer('cli'), layer('scheduler'), layer('ports'), layer('compose.ts'), layer('index.ts')], message: 'Cards render what they are given.' },
  { target: layer('http'), from: [layer('bot'), layer('adapters'), layer('cards'), layer('cli'), layer('compose.ts'), layer('index.ts')], message: 'The HTTP server takes its collaborators injected.' },
  { target: layer('scheduler'), from: [layer('bot'), layer('adapters'), layer('cards'), layer('http'), layer('cli')], message: 'The scheduler only starts use cases.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // The Teams SDK seam: only src/bot/teams and src/adapters/teams import botbuilder or Teams AI.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/teams/**', 'src/adapters/teams/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: teamsSdk, message: 'The Teams SDK stays behind its seam (src/bot/teams and src/adapters/teams): handlers take a Turn.' }],
      }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/ports/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: coreForbidden, message: 'The core (domain, ports, app) stays pure: put SDK and I/O code in an adapter.' }],
      }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'The domain takes time from its caller (Clock port), never Date.now().',
      }, {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The domain takes time from its caller (Clock port), never new Date().',
      }],
    },
  },
);
