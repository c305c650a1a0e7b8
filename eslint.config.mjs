// ESLint flat config: typescript-eslint's recommended rules, zero warnings, and the one architectural
// rule that matters most: src/domain stays pure (no UI, storage, mail, auth or Office imports).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const impureForDomain = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/domain is pure: no React.' },
  { group: ['@fluentui/*'], message: 'src/domain is pure: no Fluent UI.' },
  {
    group: ['dexie', 'dexie/*', 'fake-indexeddb', 'fake-indexeddb/*'],
    message: 'src/domain is pure: storage lives in src/store.',
  },
  {
    group: ['@microsoft/microsoft-graph-client', '@microsoft/microsoft-graph-client/*'],
    message: 'src/domain is pure: Graph lives in src/mail.',
  },
  {
    group: ['@azure/msal-browser', '@azure/msal-*'],
    message: 'src/domain is pure: sign-in lives in src/auth.',
  },
  {
    group: ['@microsoft/office-js', 'office-*'],
    message: 'src/domain is pure: Office.js lives in src/office.',
  },
  { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https'], message: 'src/domain is pure: no Node IO.' },
  { group: ['../*', '!../domain/*'], message: 'src/domain imports only from src/domain.' },
  { group: ['**/dev/*', '**/dev/**'], message: 'src/ never imports the development stand-ins in dev/.' },
];

/**
 * The arrows between the parts (docs/rules.md, README "Layout"): a part imports only the parts below it.
 * Each entry: the folder, the sibling folders it may not import. What still points the wrong way is listed
 * in `allowedForNow` with the issue that removes it.
 */
const LAYERS = [
  { folder: 'office', forbidden: ['config', 'auth', 'erp', 'store', 'mail', 'ui', 'taskpane'] },
  { folder: 'config', forbidden: ['auth', 'erp', 'store', 'mail', 'ui', 'taskpane'] },
  { folder: 'auth', forbidden: ['erp', 'store', 'mail', 'ui', 'taskpane'] },
  { folder: 'erp', forbidden: ['store', 'mail', 'ui', 'taskpane'] },
  { folder: 'store', forbidden: ['mail', 'ui', 'taskpane'] },
  { folder: 'mail', forbidden: ['ui', 'taskpane'] },
  { folder: 'ui', forbidden: ['taskpane', 'store', 'auth', 'office', 'erp', 'mail'] },
];
const fromDev = {
  group: ['**/dev/*', '**/dev/**'],
  message: 'src/ never imports the development stand-ins in dev/.',
};
const layerRules = LAYERS.map(({ folder, forbidden }) => ({
  files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
  ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          fromDev,
          ...forbidden.map((other) => ({
            group: [`../${other}/*`, `../../${other}/*`],
            message: `src/${folder} sits below src/${other}: it may not import it.`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '.cache/**',
      'test/e2e/results/**',
      'test/e2e/screenshots/**',
      'playwright-report/**',
      'dev/data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    // CommonJS config files loaded by their tools with require().
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerRules,
  {
    // The Office global lives in src/office; network calls in the adapters that own an outside system.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/office/**',
      'src/erp/**',
      'src/mail/**',
      'src/auth/**',
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'src/domain/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Office', message: 'Office.js is touched only in src/office.' },
        { name: 'fetch', message: 'Only src/erp, src/mail and src/auth talk to the network.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: impureForDomain }],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'src/domain does no IO.' },
        { name: 'indexedDB', message: 'src/domain does no IO.' },
        { name: 'Office', message: 'src/domain does not touch Office.' },
        { name: 'localStorage', message: 'src/domain does no IO.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'The core never reads the clock: take `today` as an argument.',
        },
        { object: 'performance', property: 'now', message: 'The core never reads the clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core never reads the clock: take `today` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The core is deterministic.',
        },
      ],
    },
  },
);
