// AWS allows any printable name (spaces, '@', '+'); Gantry's names are URL-safe ([A-Za-z0-9._-], ≤ 256), since
// the API addresses policies and scheduled actions by name.

const UNSAFE = /[^A-Za-z0-9._-]+/g;
const MAX_LENGTH = 256;

/** A name Gantry accepts, unique among `taken` (which it joins). */
export function gantryName(awsName: string, taken: Set<string>): string {
  const base =
    awsName
      .replace(UNSAFE, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, MAX_LENGTH) || "imported";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_LENGTH - String(n).length - 1)}-${n}`;
  taken.add(name);
  return name;
}
