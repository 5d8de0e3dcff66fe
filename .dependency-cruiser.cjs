// The package boundaries of DESIGN.md §1, checked by `npm run lint:deps` (dependency-cruiser) in `npm test`.
// Workspace rules are derived from each package's package.json, so declaring a dependency is what allows it.
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

const packages = readdirSync(join(__dirname, "packages")).filter((dir) => {
  try {
    readFileSync(join(__dirname, "packages", dir, "package.json"));
    return true;
  } catch {
    return false;
  }
});
const manifest = (dir) => JSON.parse(readFileSync(join(__dirname, "packages", dir, "package.json"), "utf8"));
const workspaceNames = (deps = {}) =>
  Object.keys(deps)
    .filter((name) => name.startsWith("@gantry/"))
    .map((name) => name.slice("@gantry/".length));
const TEST_FILE = "\\.test\\.ts$";

const declared = packages.flatMap((dir) => {
  const pkg = manifest(dir);
  const runtime = [dir, ...workspaceNames(pkg.dependencies)];
  const forTests = [...runtime, ...workspaceNames(pkg.devDependencies)];
  return [
    {
      name: `undeclared-workspace-import-${dir}`,
      comment: `packages/${dir} imports only the workspace packages its package.json declares.`,
      severity: "error",
      from: { path: `^packages/${dir}/` },
      to: { path: "^packages/", pathNot: `^packages/(${forTests.join("|")})/` },
    },
    {
      name: `dev-dependency-in-production-${dir}`,
      comment: `packages/${dir}'s production code imports only its dependencies (types aside), not its devDependencies.`,
      severity: "error",
      from: { path: `^packages/${dir}/`, pathNot: TEST_FILE },
      to: {
        path: "^packages/",
        pathNot: `^packages/(${runtime.join("|")})/`,
        dependencyTypesNot: ["type-only"],
      },
    },
  ];
});

const root = JSON.parse(readFileSync(join(__dirname, "package.json"), "utf8"));
const rootDeclared = workspaceNames({ ...root.dependencies, ...root.devDependencies });

module.exports = {
  forbidden: [
    {
      name: "undeclared-workspace-import-test",
      comment: "test/ imports only the workspace packages the root package.json declares.",
      severity: "error",
      from: { path: "^test/" },
      to: {
        path: "^packages/",
        pathNot: `^packages/(${rootDeclared.join("|")})/`,
        dependencyTypes: ["aliased-workspace"],
      },
    },
    {
      name: "core-imports-no-package",
      comment: "The core is pure: it imports no other workspace package.",
      severity: "error",
      from: { path: "^packages/core/" },
      to: { path: "^packages/", pathNot: "^packages/core/" },
    },
    {
      name: "no-reaching-into-another-package",
      comment:
        "Another package is imported by its name and public entries (package.json exports), not by path.",
      severity: "error",
      from: { path: "^packages/([^/]+)/" },
      to: { path: "^packages/", pathNot: "^packages/$1/", dependencyTypesNot: ["aliased-workspace"] },
    },
    {
      name: "testing-only-in-tests",
      comment: "@gantry/testing holds test doubles: only tests (*.test.ts, test/) import it.",
      severity: "error",
      from: { path: "^packages/", pathNot: ["^packages/testing/", TEST_FILE] },
      to: { path: "^packages/testing/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a package's internals are not in its exports map).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-undeclared-npm-package",
      comment: "npm packages imported are declared in the package's package.json or the root's.",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    ...declared,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["node_modules", "/dist/", "\\.sst/"] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json", ".d.ts"],
    },
  },
};
