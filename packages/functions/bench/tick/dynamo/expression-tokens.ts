// Tokens of DynamoDB's expression language (conditions, key conditions, updates, projections).

export type Token =
  | { kind: "name"; text: string } // #placeholder
  | { kind: "value"; text: string } // :placeholder
  | { kind: "word"; text: string } // attribute name, function or keyword
  | { kind: "number"; text: string } // list index
  | { kind: "punct"; text: string }; // ( ) , . [ ] = <> < <= > >= + -

const PUNCT = ["<>", "<=", ">=", "(", ")", ",", ".", "[", "]", "=", "<", ">", "+", "-"];

/** Splits an expression; throws on a character DynamoDB would refuse. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const placeholder = /^[#:][A-Za-z0-9_]+/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const number = /^[0-9]+/.exec(rest);
    const punct = PUNCT.find((p) => rest.startsWith(p));
    if (placeholder) {
      const text = placeholder[0];
      tokens.push({ kind: text.startsWith("#") ? "name" : "value", text });
      i += text.length;
    } else if (word) {
      tokens.push({ kind: "word", text: word[0] });
      i += word[0].length;
    } else if (number) {
      tokens.push({ kind: "number", text: number[0] });
      i += number[0].length;
    } else if (punct) {
      tokens.push({ kind: "punct", text: punct });
      i += punct.length;
    } else {
      throw new SyntaxError(`Invalid expression: unexpected "${rest[0]}" at ${i} in "${expression}"`);
    }
  }
  return tokens;
}
