// Lint configuration: typescript-eslint recommended rules over the TypeScript sources, browser globals for web/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'neo4j/**',
      '.data/**',
      'out/**',
      '.venv-ci/**',
      '.venv-bench/**',
      '**/*.tmp.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Issue 16: no source file over 400 lines and no function over 80 (code lines: blanks and comments not counted).
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The agreed exceptions, each with why. Remove a file from a list when it is split.
    files: [
      // route documentation: one registerPath after another, read as the list of a feature's routes
      'src/export/export.openapi.ts',
      'src/keys/security.openapi.ts',
      'src/reviews/workflow.openapi.ts',
      // one HTML page / one ANX document written top to bottom, in the order the output reads
      'src/export/report-html.ts',
      'src/export/anx.writer.ts',
      // a verifier reports the first broken link: one walk whose early returns name the failure in order
      'src/audit/audit-chain.ts',
      'src/export/bundle-verify.ts',
      // createContext constructs everything in dependency order (what hears what is in wire-events.ts)
      'src/app-context.ts',
      // CLI actions: one command's steps, printed as they go
      'src/cli/demo.cli.ts',
      'src/cli/eval-real.cli.ts',
      'src/cli/refresh.cli.ts',
      // owned by the detection work now under way (issue 12): split there, not under it
      'src/analytics/detect-rings.ts',
      'src/analytics/legitimate-patterns.ts',
      'src/analytics/lockstep.ts',
      'src/analytics/ring-context.ts',
      'src/analytics/ring-explain.ts',
      'src/analytics/ring-lineage.ts',
      'src/analytics/ring-score.ts',
      'src/analytics/template-similarity.ts',
      // hot loops kept in one frame on purpose (bench:detect / bench:triage measure them)
      'src/text/minhash-lsh.ts',
      'src/triage/ring-index.ts',
      'src/runs/projection.reader.ts',
      // one subgraph assembled from four row sets in one pass
      'src/export/ring-subgraph.reader.ts',
      // being rewritten for speed by the ingest work under way; split there
      'src/ingest/records-to-rows.ts',
    ],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // being rewritten for speed by the ingest work under way (436 code lines, a 192-line validating generator)
    files: ['src/ingest/ingest.validator.ts'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // the console runs in the browser: no Node globals, and nothing printed to the console (a key could be)
    files: ['web/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'build elements with h(); text from the API is hostile' },
        { property: 'outerHTML', message: 'build elements with h(); text from the API is hostile' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'build elements with h(); text from the API is hostile',
        },
      ],
    },
  },
);
