import { ValidationError } from "@gantry/core";
import { ACTIVITY_PREFIX, activityPartition, type ItemKey } from "./table-keys.ts";

/** Opaque to callers: the base64url JSON of the key to continue after (DynamoDB's ExclusiveStartKey). */
export function encodeActivityCursor(key: ItemKey): string {
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk })).toString("base64url");
}

/** The key a cursor names; a cursor that is malformed or belongs to another target is a ValidationError. */
export function decodeActivityCursor(cursor: string, targetId: string): ItemKey {
  const key = parseKey(cursor);
  if (!key || key.pk !== activityPartition(targetId) || !key.sk.startsWith(ACTIVITY_PREFIX)) {
    throw new ValidationError("is not a cursor returned for this target's activities", "cursor");
  }
  return key;
}

function parseKey(cursor: string): ItemKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return undefined;
    const { pk, sk } = value as Record<string, unknown>;
    return typeof pk === "string" && typeof sk === "string" ? { pk, sk } : undefined;
  } catch {
    return undefined;
  }
}
