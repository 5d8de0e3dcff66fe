/** The only source of time outside the core: real in Lambda, virtual in the simulator. Epoch milliseconds. */
export interface Clock {
  now(): number;
}
