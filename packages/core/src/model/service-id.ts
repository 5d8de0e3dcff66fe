import { ValidationError } from "../errors.ts";

/** An ECS service as Gantry names it: `service/<cluster>/<service>`, as Application Auto Scaling does. */
export interface ServiceRef {
  cluster: string;
  service: string;
}

const SERVICE_ID = /^service\/([^/]+)\/([^/]+)$/;

/** `service/<cluster>/<service>` → its parts. Throws a ValidationError naming `field` for anything else. */
export function parseServiceId(id: string, field = "id"): ServiceRef {
  const match = SERVICE_ID.exec(id);
  if (!match?.[1] || !match[2]) {
    throw new ValidationError(`"${id}" is not an ECS service id (service/<cluster>/<service>)`, field);
  }
  return { cluster: match[1], service: match[2] };
}

export function formatServiceId(ref: ServiceRef): string {
  return `service/${ref.cluster}/${ref.service}`;
}
