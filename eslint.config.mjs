// Lint: TypeScript recommended rules, plus the layering rule from ../shared/design/architecture.md:
// the core (domain, ports, app) imports no SDK and no I/O module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreForbidden = [
  'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@azure/*', 'restify',
  'adaptivecards-templating', 'adaptivecards', 'better-sqlite3', 'fs', 'node:fs', 'fs/*', 'node:fs/*',
  'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process',
  'pino', 'croner', 'exceljs', 'csv-parse', 'csv-parse/*',
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
