// The error lives in core, so every StateStore (and the API mapping it) shares it; re-exported for the adapter.
export { CorruptItemError } from "@gantry/core";
