// The server's module graph (issue 11.2), checked by `npm run check`: it is a DAG, and a module is used only
// through its index.ts. Layers, bottom to top: db, bus, events, http helpers → modules (identity at the
// bottom of them) → realtime, listeners, bootstrap → app, runtime, main, cli.
const SRC = '^packages/server/src/';
const MODULE = `${SRC}modules/`;
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles hide which code depends on which; move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment: "Another module's files are its own: import its index.ts.",
      from: { path: `${MODULE}([^/]+)/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${MODULE}[^/]+/`, pathNot: [`${MODULE}$1/`, `${MODULE}[^/]+/index\\.ts$`] },
    },
    {
      name: 'module-internals-from-outside',
      severity: 'error',
      comment: 'Code outside the modules uses a module through its index.ts.',
      from: { path: SRC, pathNot: [`${MODULE}`, '\\.test\\.ts$'] },
      to: { path: `${MODULE}[^/]+/`, pathNot: `${MODULE}[^/]+/index\\.ts$` },
    },
    {
      name: 'foundations-below-modules',
      severity: 'error',
      comment:
        'The database, the bus, domain events and HTTP helpers know nothing of the modules above them ' +
        '(types excepted: the request carries the actor).',
      from: { path: `${SRC}(db|bus|events|http)/`, pathNot: '\\.test\\.ts$' },
      to: { path: [`${MODULE}`, `${SRC}realtime/`], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'modules-below-gateways',
      severity: 'error',
      comment: 'Modules do not reach up into the socket gateways or the app composition.',
      from: { path: MODULE, pathNot: '\\.test\\.ts$' },
      to: { path: `${SRC}(realtime/|app\\.ts|runtime\\.ts|main\\.ts|listeners\\.ts|bootstrap\\.ts|cli/)` },
    },
    {
      name: 'identity-is-a-leaf',
      severity: 'error',
      comment: 'The actor, rights, passwords and sessions sit at the bottom of the modules.',
      from: { path: `${MODULE}identity/` },
      to: { path: MODULE, pathNot: `${MODULE}identity/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
