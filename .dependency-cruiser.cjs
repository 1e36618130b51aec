// The floors of src/, checked by `npm run lint` (dependency-cruiser): http/ is the ground floor and knows no feature;
// express and HTTP statuses stay at the edge (http/, the CLIs, and each feature's *.routes.ts / *.middleware.ts);
// store/ and bundled/ are ground floors too (bundled/ below store/); no import loops anywhere.
const FEATURES =
  '(analytics|audit|console|eval|export|import|ingest|jobs|keys|reviews|rings|runs|text|triage)';

// eslint-disable-next-line no-undef -- a CommonJS config file, read by dependency-cruiser
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import loop: the modules cannot be read (or loaded) one floor at a time.',
      from: { path: '^(src|seed|bench|test)/', pathNot: '^src/analytics/' },
      to: { circular: true },
    },
    {
      name: 'no-runtime-cycles-in-analytics',
      severity: 'error',
      comment:
        'analytics/ (the detection team’s) still has loops through `import type` only, harmless at run time; ' +
        'a loop that loads code is refused there too.',
      from: { path: '^src/analytics/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'http-is-the-ground-floor',
      severity: 'error',
      comment: 'src/http/ (app, auth, masking, limits, problem+json, the OpenAPI kit) imports no feature.',
      from: { path: '^src/http/' },
      to: { path: `^src/${FEATURES}/|^src/(app-context|api-document|wire-events|main)\\.ts$` },
    },
    {
      name: 'store-and-bundled-are-ground-floors',
      severity: 'error',
      comment:
        'store/ (the Db handle, queries, driver) and bundled/ (the development Neo4j process: jars, start and stop, ' +
        'backup, local secrets) import no feature and no http/; store/ may start bundled/, not the other way round.',
      from: { path: '^src/(store|bundled)/' },
      to: { path: `^src/${FEATURES}/|^src/http/|^src/(app-context|api-document|wire-events|main)\\.ts$` },
    },
    {
      name: 'bundled-below-store',
      severity: 'error',
      comment: 'bundled/ manages a process, not data: it does not use the store.',
      from: { path: '^src/bundled/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'express-only-at-the-edge',
      severity: 'error',
      comment:
        'Only http/, the CLIs, the wiring (app-context) and a feature’s *.routes.ts / *.middleware.ts speak HTTP.',
      from: {
        path: '^src/',
        pathNot: '^src/(http/|cli/|app-context\\.ts$|main\\.ts$)|\\.(routes|middleware)\\.ts$',
      },
      to: { path: '^node_modules/(express|express-rate-limit|helmet|@types/express)/' },
    },
    {
      name: 'statuses-only-at-the-edge',
      severity: 'error',
      comment: 'Only the problem middleware maps error codes to statuses; the domain throws DomainError.',
      from: {
        path: '^src/',
        pathNot: '^src/(http/|cli/|app-context\\.ts$|main\\.ts$)|\\.(routes|middleware)\\.ts$',
      },
      to: { path: '^src/http/problem\\.middleware\\.ts$' },
    },
    {
      name: 'bundler-only-at-build',
      severity: 'error',
      comment:
        'esbuild is a dev dependency: only the build steps (console-build.ts, *.build.ts, the build CLI) load it; ' +
        'the compiled service reads what `npm run build` wrote.',
      from: {
        path: '^src/',
        pathNot: '^src/(console/console-build|cli/build-browser\\.cli)\\.ts$|\\.build\\.ts$',
      },
      to: { path: '^node_modules/esbuild/' },
    },
    {
      name: 'analytics-is-pure',
      severity: 'error',
      comment: 'src/analytics/ takes rows and returns rings: no driver, no express, no store.',
      from: { path: '^src/analytics/' },
      to: { path: '^node_modules/(neo4j-driver|express)/|^src/(store|http)/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    exclude: { path: '^(dist|neo4j|web)/' },
  },
};
