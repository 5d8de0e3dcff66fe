import { parseServiceId } from "@gantry/core";
import type { SimAccount, SimService } from "@gantry/sim";

/**
 * The simulated account's services by id, queue URL and queue name. The account finds them by scanning its
 * list, which at 10,000 services would charge the backend's lookups to the pass being measured.
 */
export class SimIndex {
  readonly #account: SimAccount;
  #indexed = -1;
  #byId = new Map<string, SimService>();
  #byQueueUrl = new Map<string, SimService>();
  #byQueueName = new Map<string, SimService>();
  #clusters = new Set<string>();

  constructor(account: SimAccount) {
    this.#account = account;
  }

  get account(): SimAccount {
    return this.#account;
  }

  service(id: string): SimService | undefined {
    return this.#fresh().#byId.get(id);
  }

  queueByUrl(url: string): SimService | undefined {
    return this.#fresh().#byQueueUrl.get(url);
  }

  queueByName(name: string): SimService | undefined {
    return this.#fresh().#byQueueName.get(name);
  }

  hasCluster(name: string): boolean {
    return this.#fresh().#clusters.has(name);
  }

  /** Services are only ever added: re-index when there are more than last time. */
  #fresh(): this {
    const services = this.#account.services;
    if (services.length === this.#indexed) return this;
    for (const service of services) {
      this.#byId.set(service.id, service);
      this.#byQueueUrl.set(service.queueUrl, service);
      this.#byQueueName.set(service.queueName, service);
      this.#clusters.add(parseServiceId(service.id).cluster);
    }
    this.#indexed = services.length;
    return this;
  }
}
