import { CliError } from "../cli-error.ts";

/** `gantry dev` / `npm start` listens here. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:8787";

/** The API's base URL: `--endpoint`, else GANTRY_ENDPOINT, else the local stack. Exit 2 when it is not a URL. */
export function resolveEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): URL {
  const text = flag ?? (env.GANTRY_ENDPOINT || DEFAULT_ENDPOINT);
  const source = flag === undefined && env.GANTRY_ENDPOINT ? "GANTRY_ENDPOINT" : "--endpoint";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`${source}: not a URL: ${text}`, 2);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`${source}: use an http:// or https:// URL, got ${text}`, 2);
  }
  return url;
}

/** Loopback hosts (the local stack) are not signed. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;

/** The region to sign for: from `<id>.execute-api.<region>.amazonaws.com`, else `--region`, else AWS_REGION. */
export function regionOf(url: URL, flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromHost = EXECUTE_API_HOST.exec(url.hostname)?.[1];
  const region = fromHost ?? flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new CliError(`--region: needed to sign requests to ${url.origin} (or set AWS_REGION)`, 2);
  }
  return region;
}
