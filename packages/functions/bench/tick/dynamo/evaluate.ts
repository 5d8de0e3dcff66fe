// Evaluates parsed expressions against an item, with the request's placeholders.
import { type AttributeValue, compareValues, type Item, typeOf, valuesEqual } from "./attribute-values.ts";
import type { Condition, Operand, Path } from "./expression-ast.ts";

/** The request's ExpressionAttributeNames and ExpressionAttributeValues. */
export interface Placeholders {
  names?: Record<string, string>;
  values?: Record<string, AttributeValue>;
}

export class ValidationException extends Error {
  override readonly name = "ValidationException";
}

export function attributeName(key: string, scope: Placeholders): string {
  if (!key.startsWith("#")) return key;
  const name = scope.names?.[key];
  if (name === undefined)
    throw new ValidationException(
      `An expression attribute name used in the document path is not defined; attribute name: ${key}`,
    );
  return name;
}

export function placeholderValue(placeholder: string, scope: Placeholders): AttributeValue {
  const value = scope.values?.[placeholder];
  if (value === undefined)
    throw new ValidationException(
      `An expression attribute value used in expression is not defined; attribute value: ${placeholder}`,
    );
  return value;
}

/** The value at `path`, or undefined when any step is missing. */
export function resolvePath(
  item: Item | undefined,
  path: Path,
  scope: Placeholders,
): AttributeValue | undefined {
  let current: AttributeValue | undefined = item === undefined ? undefined : { M: item };
  for (const element of path) {
    if (current === undefined) return undefined;
    current = "key" in element ? current.M?.[attributeName(element.key, scope)] : current.L?.[element.index];
  }
  return current;
}

export function evaluateOperand(
  item: Item | undefined,
  operand: Operand,
  scope: Placeholders,
): AttributeValue | undefined {
  switch (operand.kind) {
    case "path":
      return resolvePath(item, operand.path, scope);
    case "value":
      return placeholderValue(operand.placeholder, scope);
    case "size":
      return sizeOf(resolvePath(item, operand.path, scope));
    case "ifNotExists":
      return resolvePath(item, operand.path, scope) ?? evaluateOperand(item, operand.fallback, scope);
    case "listAppend": {
      const first = evaluateOperand(item, operand.first, scope)?.L;
      const second = evaluateOperand(item, operand.second, scope)?.L;
      if (!first || !second) throw new ValidationException("list_append takes two lists");
      return { L: [...first, ...second] };
    }
    case "arithmetic": {
      const left = evaluateOperand(item, operand.left, scope)?.N;
      const right = evaluateOperand(item, operand.right, scope)?.N;
      if (left === undefined || right === undefined) {
        throw new ValidationException("An operand in the update expression has an incorrect data type");
      }
      const sum = operand.op === "+" ? Number(left) + Number(right) : Number(left) - Number(right);
      return { N: String(sum) };
    }
  }
}

function sizeOf(value: AttributeValue | undefined): AttributeValue | undefined {
  if (value === undefined) return undefined;
  const type = typeOf(value);
  if (type === "S") return { N: String((value.S as string).length) };
  if (type === "B") return { N: String(Buffer.byteLength(value.B as string, "base64")) };
  if (type === "M") return { N: String(Object.keys(value.M as Item).length) };
  const list = value.L ?? value.SS ?? value.NS ?? value.BS;
  return list === undefined ? undefined : { N: String(list.length) };
}

export function evaluateCondition(
  item: Item | undefined,
  condition: Condition,
  scope: Placeholders,
): boolean {
  switch (condition.kind) {
    case "and":
      return (
        evaluateCondition(item, condition.left, scope) && evaluateCondition(item, condition.right, scope)
      );
    case "or":
      return (
        evaluateCondition(item, condition.left, scope) || evaluateCondition(item, condition.right, scope)
      );
    case "not":
      return !evaluateCondition(item, condition.inner, scope);
    case "compare":
      return compare(
        condition.op,
        evaluateOperand(item, condition.left, scope),
        evaluateOperand(item, condition.right, scope),
      );
    case "between": {
      const value = evaluateOperand(item, condition.operand, scope);
      return (
        compare(">=", value, evaluateOperand(item, condition.low, scope)) &&
        compare("<=", value, evaluateOperand(item, condition.high, scope))
      );
    }
    case "in": {
      const value = evaluateOperand(item, condition.operand, scope);
      return condition.list.some((o) => compare("=", value, evaluateOperand(item, o, scope)));
    }
    case "function":
      return callFunction(item, condition.name, condition.args, scope);
  }
}

function compare(op: string, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (left === undefined || right === undefined) return op === "<>";
  if (op === "=") return valuesEqual(left, right);
  if (op === "<>") return !valuesEqual(left, right);
  const order = compareValues(left, right);
  if (order === undefined) return false;
  return op === "<" ? order < 0 : op === "<=" ? order <= 0 : op === ">" ? order > 0 : order >= 0;
}

function callFunction(item: Item | undefined, name: string, args: Operand[], scope: Placeholders): boolean {
  const [first, second] = args.map((a) => evaluateOperand(item, a, scope));
  switch (name) {
    case "attribute_exists":
      return first !== undefined;
    case "attribute_not_exists":
      return first === undefined;
    case "attribute_type":
      return first !== undefined && second?.S === typeOf(first);
    case "begins_with": {
      const prefix = second?.S ?? second?.B;
      const text = first?.S ?? first?.B;
      return text !== undefined && prefix !== undefined && text.startsWith(prefix);
    }
    case "contains":
      return contains(first, second);
    default:
      throw new ValidationException(`Invalid function name; function: ${name}`);
  }
}

function contains(haystack: AttributeValue | undefined, needle: AttributeValue | undefined): boolean {
  if (haystack === undefined || needle === undefined) return false;
  if (haystack.S !== undefined) return needle.S !== undefined && haystack.S.includes(needle.S);
  if (haystack.L !== undefined) return haystack.L.some((v) => valuesEqual(v, needle));
  const set = haystack.SS ?? haystack.NS ?? haystack.BS;
  const element = needle.S ?? needle.N ?? needle.B;
  return set !== undefined && element !== undefined && set.includes(element);
}
