// DynamoDB's expressions parsed once per text (the store sends the same few on every call): conditions and
// key conditions, update expressions (SET, REMOVE, ADD, DELETE) and projections.
import type { Condition, Operand, Path, UpdateAction } from "./expression-ast.ts";
import { Parser } from "./expression-parser.ts";

const UPDATE_CLAUSES = ["SET", "REMOVE", "ADD", "DELETE"];

/** SET's right side: an operand, or two joined by + or -. */
function setValue(p: Parser): Operand {
  const left = p.operand();
  if (!p.isPunct("+") && !p.isPunct("-")) return left;
  const op = p.next().text as "+" | "-";
  return { kind: "arithmetic", op, left, right: p.operand() };
}

function updateAction(p: Parser, clause: string): UpdateAction {
  const path = p.path();
  if (clause === "REMOVE") return { kind: "remove", path };
  if (clause === "SET") {
    p.expect("=");
    return { kind: "set", path, value: setValue(p) };
  }
  return { kind: clause === "ADD" ? "add" : "delete", path, value: p.operand() };
}

function updates(p: Parser): UpdateAction[] {
  const actions: UpdateAction[] = [];
  while (!p.done) {
    const clause = p.next().text.toUpperCase();
    if (!UPDATE_CLAUSES.includes(clause)) throw p.error(`expected SET, REMOVE, ADD or DELETE, got ${clause}`);
    actions.push(updateAction(p, clause));
    while (p.isPunct(",")) {
      p.next();
      actions.push(updateAction(p, clause));
    }
  }
  return actions;
}

const conditions = new Map<string, Condition>();
const updateCache = new Map<string, UpdateAction[]>();
const projections = new Map<string, Path[]>();

function cached<T>(cache: Map<string, T>, text: string, parse: (p: Parser) => T): T {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parser = new Parser(text);
  const parsed = parse(parser);
  if (!parser.done) throw parser.error(`unexpected "${parser.peek()?.text}"`);
  cache.set(text, parsed);
  return parsed;
}

export function parseCondition(text: string): Condition {
  return cached(conditions, text, (p) => p.condition());
}

export function parseUpdate(text: string): UpdateAction[] {
  return cached(updateCache, text, updates);
}

export function parseProjection(text: string): Path[] {
  return cached(projections, text, (p) => {
    const paths = [p.path()];
    while (p.isPunct(",")) {
      p.next();
      paths.push(p.path());
    }
    return paths;
  });
}
