// A recursive-descent parser for DynamoDB's expressions: conditions and their operands and paths (updates and
// projections are built on it in parse-expression.ts).
import type { Comparator, Condition, ConditionFunction, Operand, Path } from "./expression-ast.ts";
import { type Token, tokenize } from "./expression-tokens.ts";

const COMPARATORS: readonly string[] = ["=", "<>", "<", "<=", ">", ">="];
const CONDITION_FUNCTIONS: readonly string[] = [
  "attribute_exists",
  "attribute_not_exists",
  "attribute_type",
  "begins_with",
  "contains",
];

export class Parser {
  readonly text: string;
  readonly #tokens: Token[];
  #at = 0;

  constructor(text: string) {
    this.text = text;
    this.#tokens = tokenize(text);
  }

  get done(): boolean {
    return this.#at >= this.#tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#at + offset];
  }

  isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === "word" && token.text.toUpperCase() === word;
  }

  isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === "punct" && token.text === text;
  }

  next(): Token {
    const token = this.#tokens[this.#at++];
    if (token === undefined) throw this.error("unexpected end");
    return token;
  }

  expect(text: string): void {
    const token = this.next();
    if (token.text.toUpperCase() !== text) throw this.error(`expected "${text}", got "${token.text}"`);
  }

  error(message: string): SyntaxError {
    return new SyntaxError(`Invalid expression "${this.text}": ${message}`);
  }

  condition(): Condition {
    let left = this.conjunction();
    while (this.isWord("OR")) {
      this.next();
      left = { kind: "or", left, right: this.conjunction() };
    }
    return left;
  }

  conjunction(): Condition {
    let left = this.negation();
    while (this.isWord("AND")) {
      this.next();
      left = { kind: "and", left, right: this.negation() };
    }
    return left;
  }

  negation(): Condition {
    if (!this.isWord("NOT")) return this.primary();
    this.next();
    return { kind: "not", inner: this.negation() };
  }

  primary(): Condition {
    if (this.isPunct("(")) {
      this.next();
      const inner = this.condition();
      this.expect(")");
      return inner;
    }
    const token = this.peek();
    if (token?.kind === "word" && CONDITION_FUNCTIONS.includes(token.text) && this.peek(1)?.text === "(") {
      this.next();
      return { kind: "function", name: token.text as ConditionFunction, args: this.arguments() };
    }
    const operand = this.operand();
    if (this.isWord("BETWEEN")) {
      this.next();
      const low = this.operand();
      this.expect("AND");
      return { kind: "between", operand, low, high: this.operand() };
    }
    if (this.isWord("IN")) {
      this.next();
      return { kind: "in", operand, list: this.arguments() };
    }
    const op = this.next();
    if (!COMPARATORS.includes(op.text)) throw this.error(`expected a comparator, got "${op.text}"`);
    return { kind: "compare", op: op.text as Comparator, left: operand, right: this.operand() };
  }

  arguments(): Operand[] {
    this.expect("(");
    const args = [this.operand()];
    while (this.isPunct(",")) {
      this.next();
      args.push(this.operand());
    }
    this.expect(")");
    return args;
  }

  /** A path, a `:value`, or a function of them (size, if_not_exists, list_append). */
  operand(): Operand {
    const token = this.peek();
    if (token?.kind === "value") {
      this.next();
      return { kind: "value", placeholder: token.text };
    }
    if (token?.kind === "word" && this.peek(1)?.text === "(") {
      this.next();
      const args = this.arguments();
      const pathOf = (o: Operand | undefined): Path => {
        if (o?.kind !== "path") throw this.error(`${token.text} takes a path first`);
        return o.path;
      };
      if (token.text === "size") return { kind: "size", path: pathOf(args[0]) };
      if (token.text === "if_not_exists" && args[1])
        return { kind: "ifNotExists", path: pathOf(args[0]), fallback: args[1] };
      if (token.text === "list_append" && args[0] && args[1])
        return { kind: "listAppend", first: args[0], second: args[1] };
      throw this.error(`unknown function ${token.text}`);
    }
    return { kind: "path", path: this.path() };
  }

  path(): Path {
    const path: Path = [];
    const first = this.next();
    if (first.kind !== "name" && first.kind !== "word")
      throw this.error(`expected a path, got "${first.text}"`);
    path.push({ key: first.text });
    for (;;) {
      if (this.isPunct(".")) {
        this.next();
        path.push({ key: this.next().text });
      } else if (this.isPunct("[")) {
        this.next();
        path.push({ index: Number(this.next().text) });
        this.expect("]");
      } else return path;
    }
  }
}
