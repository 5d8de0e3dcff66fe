// The header's clock switch: every time on the page in UTC (the default) or in the browser's zone.
import { setZone, type Zone, zone, zoneLabel } from "./clock.ts";
import { el } from "./dom.ts";

export function renderZoneControl(): HTMLElement {
  const options = (["utc", "local"] as const).map((value) => {
    const label = value === "utc" ? "UTC" : `Local (${zoneLabel("local")})`;
    const option = el("option", { value }, label);
    option.selected = value === zone();
    return option;
  });
  const select = el("select", { "data-testid": "zone-select", "aria-label": "Time zone" }, ...options);
  select.addEventListener("change", () => setZone(select.value as Zone));
  return el("label", { class: "top-note zone" }, "Times in ", select);
}
