import type { IncomingMessage } from "node:http";
import { BODY_LIMIT_BYTES } from "@gantry/functions/local";

/** Bodies above this are refused without reading them; below it the API itself answers 413 over its limit. */
export const PROXY_BODY_CAP_BYTES = BODY_LIMIT_BYTES + 64 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the whole body, rejecting with BodyTooLargeError past `cap` bytes. */
export function readBody(request: IncomingMessage, cap = PROXY_BODY_CAP_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError(`body over ${cap} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
