// What a parsed DynamoDB expression is. Placeholders stay unresolved (`#v`, `:e`) so that one parse serves
// every call with the same expression text.

/** `a.#b[2]`: attribute names (or `#` placeholders) and list indexes. */
export type PathElement = { key: string } | { index: number };
export type Path = PathElement[];

export type Operand =
  | { kind: "path"; path: Path }
  | { kind: "value"; placeholder: string }
  | { kind: "size"; path: Path }
  | { kind: "ifNotExists"; path: Path; fallback: Operand }
  | { kind: "listAppend"; first: Operand; second: Operand }
  | { kind: "arithmetic"; op: "+" | "-"; left: Operand; right: Operand };

export type Comparator = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type ConditionFunction =
  | "attribute_exists"
  | "attribute_not_exists"
  | "attribute_type"
  | "begins_with"
  | "contains";

export type Condition =
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "not"; inner: Condition }
  | { kind: "compare"; op: Comparator; left: Operand; right: Operand }
  | { kind: "between"; operand: Operand; low: Operand; high: Operand }
  | { kind: "in"; operand: Operand; list: Operand[] }
  | { kind: "function"; name: ConditionFunction; args: Operand[] };

export type UpdateAction =
  | { kind: "set"; path: Path; value: Operand }
  | { kind: "remove"; path: Path }
  | { kind: "add" | "delete"; path: Path; value: Operand };
