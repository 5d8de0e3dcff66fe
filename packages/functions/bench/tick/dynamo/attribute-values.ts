// DynamoDB's wire values (`{"S": "x"}`, `{"N": "1"}`, …) as the SDK sends them, compared and sized as DynamoDB
// does, so the in-memory table answers conditions and bills capacity like the real one.

export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Item;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: string[];
}

export type Item = Record<string, AttributeValue>;

export type AttributeType = "S" | "N" | "B" | "BOOL" | "NULL" | "M" | "L" | "SS" | "NS" | "BS";

const TYPES: readonly AttributeType[] = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"];

export function typeOf(value: AttributeValue): AttributeType {
  const type = TYPES.find((t) => value[t] !== undefined);
  if (type === undefined) throw new Error(`not an attribute value: ${JSON.stringify(value)}`);
  return type;
}

/** Deep equality, numbers by value (`"1.0"` = `"1"`), sets regardless of order. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  switch (type) {
    case "N":
      return Number(a.N) === Number(b.N);
    case "M":
      return mapsEqual(a.M as Item, b.M as Item);
    case "L":
      return (
        a.L?.length === b.L?.length && (a.L ?? []).every((x, i) => valuesEqual(x, b.L?.[i] as AttributeValue))
      );
    case "SS":
    case "NS":
    case "BS":
      return sameSet(a[type] as string[], b[type] as string[], type === "NS");
    default:
      return a[type] === b[type];
  }
}

function mapsEqual(a: Item, b: Item): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => b[k] !== undefined && valuesEqual(a[k] as AttributeValue, b[k]))
  );
}

function sameSet(a: readonly string[], b: readonly string[], numeric: boolean): boolean {
  const norm = (xs: readonly string[]) => new Set(xs.map((x) => (numeric ? String(Number(x)) : x)));
  const left = norm(a);
  const right = norm(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** Ordering for <, <=, >, >=, BETWEEN: numbers, strings and binaries of the same type only, else undefined. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = typeOf(a);
  if (type !== typeOf(b)) return undefined;
  if (type === "N") return Number(a.N) - Number(b.N);
  if (type === "S" || type === "B") {
    const x = a[type] as string;
    const y = b[type] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/** DynamoDB's size of a value: strings and binaries by bytes, numbers by significant digits, +1 per element. */
export function valueSize(value: AttributeValue): number {
  const type = typeOf(value);
  switch (type) {
    case "S":
      return utf8(value.S as string);
    case "B":
      return Buffer.byteLength(value.B as string, "base64");
    case "N":
      return numberSize(value.N as string);
    case "BOOL":
    case "NULL":
      return 1;
    case "M":
      return 3 + Object.entries(value.M as Item).reduce((sum, [k, v]) => sum + utf8(k) + valueSize(v) + 1, 0);
    case "L":
      return 3 + (value.L as AttributeValue[]).reduce((sum, v) => sum + valueSize(v) + 1, 0);
    case "SS":
      return (value.SS as string[]).reduce((sum, s) => sum + utf8(s), 0);
    case "NS":
      return (value.NS as string[]).reduce((sum, n) => sum + numberSize(n), 0);
    case "BS":
      return (value.BS as string[]).reduce((sum, b) => sum + Buffer.byteLength(b, "base64"), 0);
  }
}

/** About one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) break; // e, E: the exponent is not stored as digits
    if (c >= 48 && c <= 57) digits += 1;
  }
  return Math.ceil(digits / 2) + 1;
}

// Stored items are never changed in place (updates copy), so an item's size can be kept.
const sizes = new WeakMap<Item, number>();

/** Item size as DynamoDB bills it: attribute names plus values. */
export function itemSize(item: Item | undefined): number {
  if (item === undefined) return 0;
  const known = sizes.get(item);
  if (known !== undefined) return known;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  sizes.set(item, size);
  return size;
}
