// Long-running commands (`gantry dev`, `gantry dashboard`) serve until Ctrl-C or a stop from their supervisor.

/** Resolves on the first SIGINT or SIGTERM, then lets later ones take their default course. */
export function waitForSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
