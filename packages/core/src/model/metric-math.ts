/**
 * CloudWatch metric math as Gantry reads it: which words an expression may name. An expression runs in one
 * GetMetricData request with every other target's queries, so a word that is not its own policy's metric id
 * could read another target's metric; such words are rejected, not passed through.
 */

/** CloudWatch's metric math functions [AWS "Metric math syntax and functions"]. Upper case, as CloudWatch spells them. */
export const METRIC_MATH_FUNCTIONS = [
  "ABS",
  "ANOMALY_DETECTION_BAND",
  "AVG",
  "CEIL",
  "CONCAT",
  "DATAPOINT_COUNT",
  "DATE",
  "DAY",
  "DB_PERF_INSIGHTS",
  "DIFF",
  "DIFF_TIME",
  "EPOCH",
  "FILL",
  "FIRST",
  "FLOOR",
  "HOUR",
  "IF",
  "INSIGHT_RULE_METRIC",
  "LAMBDA",
  "LAST",
  "LOG",
  "LOG10",
  "MAX",
  "METRIC_COUNT",
  "METRICS",
  "MIN",
  "MINUTE",
  "MONTH",
  "PERIOD",
  "RATE",
  "REMOVE_EMPTY",
  "RUNNING_SUM",
  "SEARCH",
  "SERVICE_QUOTA",
  "SLICE",
  "SORT",
  "STDDEV",
  "SUM",
  "TIME_SERIES",
  "YEAR",
] as const;

/** Bare words CloudWatch reads as operators (AND, OR, NOT) or as arguments (FILL's REPEAT, SORT's DESC). */
export const METRIC_MATH_KEYWORDS = ["AND", "OR", "NOT", "REPEAT", "LINEAR", "ASC", "DESC"] as const;

const KNOWN_WORDS: ReadonlySet<string> = new Set([...METRIC_MATH_FUNCTIONS, ...METRIC_MATH_KEYWORDS]);

/**
 * One token: a METRICS() call (its filter is an id filter, not text), a quoted string, a number, or a word.
 * Numbers come before words so `2e3` stays a number and `10m0` is the number 10 and the word m0.
 */
const TOKEN =
  /\bMETRICS\s*\(\s*(?:'([^']*)'|"([^"]*)")?\s*\)|'[^']*'|"[^"]*"|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*/g;

export interface MathRewrite {
  /** A word that is not a function or keyword: one of the policy's metric ids. */
  id(word: string): string;
  /** A METRICS() call, with its filter ('' when it has none). */
  metrics(filter: string, call: string): string;
}

/** Rewrites an expression's ids and METRICS() calls; quoted text, numbers, functions and keywords stay as they are. */
export function rewriteMathWords(expression: string, rewrite: MathRewrite): string {
  return expression.replace(TOKEN, (token: string, single?: string, double?: string) => {
    if (/^METRICS\s*\(/.test(token)) return rewrite.metrics(single ?? double ?? "", token);
    if (!/^[A-Za-z_]/.test(token) || KNOWN_WORDS.has(token)) return token;
    return rewrite.id(token);
  });
}

/** What an expression names outside its own metric ids: unknown words, and METRICS() filters matching no id. */
export function unknownMathNames(
  expression: string,
  ids: readonly string[],
): { words: string[]; filters: string[] } {
  const declared = new Set(ids);
  const words = new Set<string>();
  const filters = new Set<string>();
  rewriteMathWords(expression, {
    id: (word) => {
      if (!declared.has(word)) words.add(word);
      return word;
    },
    metrics: (filter, call) => {
      if (!ids.some((id) => id.includes(filter))) filters.add(filter);
      return call;
    },
  });
  return { words: [...words], filters: [...filters] };
}

/** Why an expression may not run as written, or undefined when it reads only its own metrics. */
export function checkMathExpression(expression: string, ids: readonly string[]): string | undefined {
  const { words, filters } = unknownMathNames(expression, ids);
  const own = `this policy's metric ids (${ids.join(", ")})`;
  if (words.length > 0) {
    const names = words.map((w) => `"${w}"`).join(", ");
    const verb = words.length === 1 ? "is" : "are";
    return `names ${names}, which ${verb} neither one of ${own} nor a CloudWatch metric math function; an expression reads only its own metrics`;
  }
  if (filters.length > 0) {
    return `METRICS('${filters[0]}') matches none of ${own}; it would read other targets' metrics`;
  }
  return undefined;
}
