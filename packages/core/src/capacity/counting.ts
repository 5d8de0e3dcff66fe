/** "1 task", "3 tasks": reasons read as sentences. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Instance ids for a message, shortened past a handful so a big cluster's reason stays readable. */
export function listIds(ids: readonly string[], shown = 5): string {
  if (ids.length <= shown) return ids.join(", ");
  return `${ids.slice(0, shown).join(", ")} and ${ids.length - shown} more`;
}
