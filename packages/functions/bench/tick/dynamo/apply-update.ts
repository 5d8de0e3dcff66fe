// UpdateItem's UpdateExpression applied to an item: every operand reads the item as it was before the update,
// as DynamoDB does, then SET, REMOVE, ADD and DELETE apply in order.
import { type AttributeValue, type Item, typeOf, valuesEqual } from "./attribute-values.ts";
import { attributeName, evaluateOperand, type Placeholders, ValidationException } from "./evaluate.ts";
import type { Path, UpdateAction } from "./expression-ast.ts";

export interface UpdateResult {
  item: Item;
  /** Top-level attributes the update touched (for ReturnValues UPDATED_NEW / UPDATED_OLD). */
  touched: Set<string>;
}

export function applyUpdate(
  original: Item,
  actions: readonly UpdateAction[],
  scope: Placeholders,
): UpdateResult {
  const planned = actions.map((action) => ({
    action,
    value: action.kind === "remove" ? undefined : evaluateOperand(original, action.value, scope),
  }));
  // A copy of the top level; nested maps and lists are copied only along the paths written (parentOf).
  const item = { ...original };
  const touched = new Set<string>();
  for (const { action, value } of planned) {
    const first = action.path[0];
    if (first && "key" in first) touched.add(attributeName(first.key, scope));
    if (action.kind === "remove") removeAt(item, action.path, scope);
    else if (action.kind === "set") setAt(item, action.path, value as AttributeValue, scope);
    else
      setAt(
        item,
        action.path,
        combine(action.kind, evaluateOperand(item, { kind: "path", path: action.path }, scope), value),
        scope,
      );
  }
  return { item, touched };
}

/** ADD (number sum or set union) and DELETE (set difference). */
function combine(
  kind: "add" | "delete",
  current: AttributeValue | undefined,
  value: AttributeValue | undefined,
): AttributeValue {
  if (value === undefined) throw new ValidationException(`${kind.toUpperCase()} needs a value`);
  const type = typeOf(value);
  if (kind === "add" && type === "N") return { N: String(Number(current?.N ?? 0) + Number(value.N)) };
  if (type !== "SS" && type !== "NS" && type !== "BS")
    throw new ValidationException(`${kind.toUpperCase()} takes a number or a set`);
  const existing = current?.[type] ?? [];
  const given = value[type] as string[];
  const merged =
    kind === "add"
      ? [
          ...existing,
          ...given.filter((x) => !existing.some((e) => valuesEqual({ [type]: [e] }, { [type]: [x] }))),
        ]
      : existing.filter((e) => !given.includes(e));
  return { [type]: merged };
}

/** The map or list that holds the path's last element, copied on the way down (the original stays as it was). */
function parentOf(
  item: Item,
  path: Path,
  scope: Placeholders,
): { container: AttributeValue; last: Path[number] } {
  let container: AttributeValue = { M: item };
  for (const element of path.slice(0, -1)) {
    const found: AttributeValue | undefined =
      "key" in element ? container.M?.[attributeName(element.key, scope)] : container.L?.[element.index];
    if (found === undefined)
      throw new ValidationException(
        "The document path provided in the update expression is invalid for update",
      );
    const copy: AttributeValue = found.M ? { M: { ...found.M } } : found.L ? { L: [...found.L] } : found;
    if ("key" in element && container.M) container.M[attributeName(element.key, scope)] = copy;
    else if ("index" in element && container.L) container.L[element.index] = copy;
    container = copy;
  }
  return { container, last: path[path.length - 1] as Path[number] };
}

function setAt(item: Item, path: Path, value: AttributeValue, scope: Placeholders): void {
  const { container, last } = parentOf(item, path, scope);
  if ("key" in last && container.M) container.M[attributeName(last.key, scope)] = value;
  else if ("index" in last && container.L) container.L[Math.min(last.index, container.L.length)] = value;
  else
    throw new ValidationException(
      "The document path provided in the update expression is invalid for update",
    );
}

function removeAt(item: Item, path: Path, scope: Placeholders): void {
  const { container, last } = parentOf(item, path, scope);
  if ("key" in last && container.M) delete container.M[attributeName(last.key, scope)];
  else if ("index" in last && container.L) container.L.splice(last.index, 1);
}
