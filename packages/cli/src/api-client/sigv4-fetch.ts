// SigV4 for a deployed API (IAM-authorised API Gateway routes): service `execute-api`, the default credential
// chain, Node's fetch. `signRequest` is pure (no network, no clock when `signingDate` is given).

import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { CliError } from "../cli-error.ts";
import { isLoopback, regionOf } from "./endpoint.ts";

/** @smithy/hash-node exports `Hash`, not `Sha256`: this is its SHA-256 constructor. */
const Sha256 = Hash.bind(null, "sha256");

export interface PlainRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Bytes are signed and sent as they are: `gantry dashboard` forwards the browser's body byte-exact. */
  body?: string | Uint8Array;
  /** Aborts the request (`gantry dashboard` gives up on an upstream that hangs). */
  signal?: AbortSignal;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
export type CredentialsProvider = () => Promise<Credentials>;

export interface SigningOptions {
  credentials: Credentials;
  region: string;
  signingDate?: Date;
}

/** The request's headers plus `host`, `x-amz-date`, `authorization` (and the session token, if any). */
export async function signRequest(request: PlainRequest, options: SigningOptions): Promise<PlainRequest> {
  const signer = new SignatureV4({
    service: "execute-api",
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  for (const [name, value] of request.url.searchParams) query[name] = value;
  const http = new HttpRequest({
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    ...(request.url.port ? { port: Number(request.url.port) } : {}),
    path: request.url.pathname,
    query,
    headers: { ...request.headers, host: request.url.host },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const signed = await signer.sign(http, options.signingDate ? { signingDate: options.signingDate } : {});
  return { ...request, headers: signed.headers as Record<string, string> };
}

export type Send = (request: PlainRequest) => Promise<Response>;

export interface SenderOptions {
  /** Default: the default AWS credential chain, loaded on the first request. */
  credentials?: CredentialsProvider;
  /** Default: sign unless the endpoint is loopback (the local stack is open). Tests sign loopback fakes. */
  sign?: boolean;
}

/** A sender for `endpoint`: plain fetch for loopback, else signed with the default AWS credential chain. */
export function createSender(
  endpoint: URL,
  regionFlag: string | undefined,
  options: SenderOptions = {},
): Send {
  if (!(options.sign ?? !isLoopback(endpoint))) return plainFetch;
  const region = regionOf(endpoint, regionFlag);
  let provider = options.credentials;
  return async (request) => {
    provider ??= await defaultCredentials();
    const credentials = await loadCredentials(provider, endpoint);
    return plainFetch(await signRequest(request, { credentials, region }));
  };
}

function plainFetch(request: PlainRequest): Promise<Response> {
  return fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
}

export async function defaultCredentials(): Promise<CredentialsProvider> {
  const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
  return defaultProvider();
}

/** The provider's credentials, or the one-line CliError every command prints when there are none. */
export async function loadCredentials(provider: CredentialsProvider, endpoint: URL): Promise<Credentials> {
  try {
    return await provider();
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new CliError(`no AWS credentials to sign requests to ${endpoint.origin}: ${reason}`, 1);
  }
}
