/** Jest: TypeScript through SWC (no type-checking here; `npm run typecheck` does that). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // sanitize-html's parser (htmlparser2 and its helpers) ships as ES modules only: SWC turns them into
  // CommonJS for Jest like our own code. Every other package is loaded as it is.
  transformIgnorePatterns: [
    '/node_modules/(?!(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)/)(?!sanitize-html/node_modules/)',
  ],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
