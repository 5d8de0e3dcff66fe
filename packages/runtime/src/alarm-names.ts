/** Gantry creates, lists and deletes only alarms whose names start with this. */
export const MANAGED_ALARM_PREFIX = "gantry-";

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`: small, pure and stable across runtimes. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash;
}

/** JSON with object keys sorted, so equal definitions hash equally whatever order their keys were built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * `gantry-<12 hex>-<suffix>`. The hash covers the target, the policy and the alarm's whole definition, so a
 * changed definition gets a new name: sync then creates the new alarm and deletes the old one, and an alarm whose
 * name is listed already matches without reading it back. The suffix is only for people reading the console.
 */
export function managedAlarmName(identity: unknown, suffix: string): string {
  const hash = (fnv1a64(stableJson(identity)) & 0xffffffffffffn).toString(16).padStart(12, "0");
  const readable = suffix.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80);
  return `${MANAGED_ALARM_PREFIX}${hash}-${readable}`;
}
