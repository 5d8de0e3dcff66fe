// The Lambda functions the SST app defines, read from infra/*.ts without running SST: every
// `new sst.aws.Function("Id", { handler, runtime, architecture, nodejs: { minify, plugins } })` literal.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One function as SST would build it. Unset fields take SST 4.17's defaults (function.ts, build.go). */
export interface SstFunction {
  /** The component's name, e.g. `Tick`. */
  id: string;
  /** The handler string, e.g. `packages/functions/src/tick.handler`. */
  handler: string;
  /** The file SST bundles (absolute), and the export Lambda calls. */
  entry: string;
  exportName: string;
  runtime: string;
  architecture: string;
  minify: boolean;
  /** `nodejs.plugins`: the file (from the project root) whose default export lists esbuild plugins SST runs. */
  plugins?: string;
}

const DEFAULTS = { runtime: "nodejs24.x", architecture: "x86_64", minify: false };
/** The extensions SST tries, in its order (pkg/runtime/node/node.go NODE_EXTENSIONS). */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export function readSstFunctions(root: string): SstFunction[] {
  const dir = join(root, "infra");
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .sort();
  return files.flatMap((name) => functionsIn(join(dir, name), root));
}

function functionsIn(path: string, root: string): SstFunction[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2023, true);
  const found: SstFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === "sst.aws.Function") {
      found.push(toFunction(node, source, root));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function toFunction(node: ts.NewExpression, source: ts.SourceFile, root: string): SstFunction {
  const [name, args] = node.arguments ?? [];
  const where = `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  if (!name || !ts.isStringLiteral(name) || !args || !ts.isObjectLiteralExpression(args)) {
    throw new Error(`${where}: expected new sst.aws.Function("Name", { … })`);
  }
  const literal = (key: string) => stringProperty(args, key, where);
  const handler = literal("handler");
  if (!handler) throw new Error(`${where}: no handler`);
  const dot = handler.lastIndexOf(".");
  return {
    id: name.text,
    handler,
    entry: entryFile(root, handler.slice(0, dot), where),
    exportName: handler.slice(dot + 1),
    runtime: literal("runtime") ?? DEFAULTS.runtime,
    architecture: literal("architecture") ?? DEFAULTS.architecture,
    minify: minifyOf(property(args, "nodejs"), where),
    ...pluginsOf(property(args, "nodejs"), where),
  };
}

function property(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key) return p.initializer;
  }
  return undefined;
}

/** A literal the bench can read; anything computed would make it guess, so it stops instead. */
function stringProperty(object: ts.ObjectLiteralExpression, key: string, where: string): string | undefined {
  const value = property(object, key);
  if (value === undefined) return undefined;
  if (!ts.isStringLiteral(value)) throw new Error(`${where}: ${key} must be a string literal`);
  return value.text;
}

function minifyOf(nodejs: ts.Expression | undefined, where: string): boolean {
  if (nodejs === undefined) return DEFAULTS.minify;
  if (!ts.isObjectLiteralExpression(nodejs)) throw new Error(`${where}: nodejs must be an object literal`);
  const minify = property(nodejs, "minify");
  if (minify === undefined) return DEFAULTS.minify;
  if (minify.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (minify.kind === ts.SyntaxKind.FalseKeyword) return false;
  throw new Error(`${where}: nodejs.minify must be true or false`);
}

function pluginsOf(nodejs: ts.Expression | undefined, where: string): { plugins?: string } {
  if (nodejs === undefined || !ts.isObjectLiteralExpression(nodejs)) return {};
  const plugins = stringProperty(nodejs, "plugins", `${where}: nodejs`);
  return plugins === undefined ? {} : { plugins };
}

function entryFile(root: string, base: string, where: string): string {
  const entry = EXTENSIONS.map((ext) => join(root, base + ext)).find((file) => existsSync(file));
  if (!entry) throw new Error(`${where}: no file for handler ${base}`);
  return entry;
}
