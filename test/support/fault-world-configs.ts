// Config edits in the fault world: set-up writes straight to the store, and PUTs through the API, each logged with
// what the store held right after, for the invariants.
import type { TargetConfigInput } from "@gantry/core";
import { parseServiceId, parseWith, TargetConfigSchema } from "@gantry/core";
import type { MemoryStateStore } from "@gantry/runtime/local-stack";
import type { SimAccount } from "@gantry/sim";
import type { ApiReply } from "./fault-world-handlers.ts";
import type { ConfigWrite, StoredConfig } from "./fault-world-types.ts";

export interface ConfigsWorld {
  account: SimAccount;
  memory: MemoryStateStore;
  storedConfigs: StoredConfig[];
  request: (
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ) => Promise<ApiReply>;
}

export function faultConfigs({ account, memory, storedConfigs, request }: ConfigsWorld) {
  const configWrites: ConfigWrite[] = [];
  return {
    configWrites,
    /** Stores a config directly (setup, no faults). */
    async register(input: TargetConfigInput) {
      const config = parseWith(TargetConfigSchema, input);
      await memory.putConfig(config, 0);
      storedConfigs.push({ targetId: config.target.id, config, at: account.now() });
    },
    /** PUT /targets/{cluster}/{service}, with If-Match when `ifMatch` is given; logged for the invariants. */
    async putConfig(input: TargetConfigInput, ifMatch?: number) {
      const config = parseWith(TargetConfigSchema, input);
      const sentAt = account.now();
      const headers: Record<string, string> = ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` };
      const { cluster, service } = parseServiceId(config.target.id);
      const reply = await request("PUT", `/targets/${cluster}/${service}`, { body: config, headers });
      const stored = await memory.getTarget(config.target.id).catch(() => undefined);
      const version = versionOf(reply);
      const write: ConfigWrite = {
        targetId: config.target.id,
        conditional: ifMatch !== undefined,
        status: reply.status,
        ...(version !== undefined && { version }),
        config,
        sentAt,
        answeredAt: account.now(),
        visibleAfter: version === undefined || (stored?.version ?? 0) >= version,
      };
      configWrites.push(write);
      return write;
    },
  };
}

/** The config version the reply's ETag names, if it has one. */
function versionOf(reply: ApiReply): number | undefined {
  const etag = reply.headers.etag;
  return etag === undefined ? undefined : Number(etag.replaceAll('"', ""));
}
