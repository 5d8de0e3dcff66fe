import { describe, expect, it } from "vitest";
import { refusalOf } from "./request-guard.ts";

describe("refusalOf", () => {
  it.each([
    [{ host: "127.0.0.1:8787" }, undefined],
    [{ host: "localhost:8787", origin: "http://localhost:8787" }, undefined],
    [{ host: "[::1]:8787", "sec-fetch-site": "same-origin" }, undefined],
    [{ host: "127.0.0.1:8787", "sec-fetch-site": "none" }, undefined],
    [{ host: "evil.example:8787" }, 'Host "evil.example:8787" is not an IP address or localhost'],
    [{}, 'Host "" is not an IP address or localhost'],
    [
      { host: "127.0.0.1:8787", origin: "http://evil.example" },
      "cross-origin request from http://evil.example",
    ],
    [
      { host: "127.0.0.1:8787", origin: "http://localhost:8787" },
      "cross-origin request from http://localhost:8787",
    ],
    [{ host: "127.0.0.1:8787", "sec-fetch-site": "same-site" }, "same-site request"],
  ])("%j → %s", (headers, refusal) => {
    expect(refusalOf(headers)).toBe(refusal);
  });
});
