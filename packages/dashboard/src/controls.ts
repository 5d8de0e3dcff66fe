// Operator switches: suspend/resume each direction, and dry run. Each change sends the version the page saw
// (If-Match), so a concurrent edit shows as a Conflict instead of being overwritten.
import { api } from "./api.ts";
import type { SuspendedState, TargetView } from "./api-types.ts";
import { el, showError } from "./dom.ts";

const DIRECTIONS: [keyof SuspendedState, string][] = [
  ["dynamicScalingOutSuspended", "Suspend scale-out"],
  ["dynamicScalingInSuspended", "Suspend scale-in"],
  ["scheduledScalingSuspended", "Suspend scheduled scaling"],
];

/** The body flag for a suspended-state field: `dynamicScalingOutSuspended` → `dynamicScalingOut`. */
function flagOf(field: keyof SuspendedState) {
  return field.replace(/Suspended$/, "") as "dynamicScalingIn" | "dynamicScalingOut" | "scheduledScaling";
}

function toggle(label: string, testId: string, checked: boolean, change: (on: boolean) => Promise<void>) {
  const input = el("input", { type: "checkbox", "data-testid": testId });
  input.checked = checked;
  input.addEventListener("change", () => {
    input.disabled = true;
    change(input.checked)
      .catch((error: unknown) => {
        input.checked = !input.checked;
        showError(error);
      })
      .finally(() => {
        input.disabled = false;
      });
  });
  return el("label", { class: "toggle" }, input, ` ${label}`);
}

/** The controls for `view`; `changed` receives the target as the API returns it after a change. */
export function renderControls(view: TargetView, changed: (view: TargetView) => void): HTMLElement {
  const { id, version } = view;
  const state = view.config.target.suspendedState;
  const apply = async (call: Promise<TargetView>) => {
    changed(await call);
    showError(undefined);
  };
  const dryRun = toggle("Dry run (decide, do not apply)", "dry-run-toggle", view.config.target.dryRun, (on) =>
    apply(api.setDryRun(id, on, version)),
  );
  const suspends = DIRECTIONS.map(([field, label]) =>
    toggle(label, `suspend-${flagOf(field)}`, state[field], (on) => {
      const flags = { [flagOf(field)]: true as const };
      return apply(on ? api.suspend(id, flags, version) : api.resume(id, flags, version));
    }),
  );
  return el("div", { class: "controls", "data-testid": "controls" }, dryRun, ...suspends);
}
