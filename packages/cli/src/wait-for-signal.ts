// Long-running commands (`gantry dev`, `gantry dashboard`) serve until Ctrl-C, a stop from their supervisor,
// or the end of the npm process that started them.
//
// `npx gantry dev` and `npm start` run `sh -c "gantry dev"` under npm: a SIGTERM sent to npm's pid reaches the
// shell, which dies without passing it on, and this process is left running, reparented. So under npm the
// parent is watched too: once it is gone, that is a stop. Started directly (`nohup gantry dev &`), the parent
// may go away on purpose and is not watched.

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const PARENT_POLL_MS = 250;

/** Whether npm (npx, npm start, npm exec) started this process: it sets these for the scripts it runs. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.npm_command || env.npm_lifecycle_event);
}

/**
 * Resolves with what stopped the command: the first SIGINT, SIGTERM or SIGHUP (later ones take their default
 * course), or "parent exited" when `watchParent` and the parent process is gone.
 */
export function waitForSignal(options: { watchParent?: boolean } = {}): Promise<string> {
  const watchParent = options.watchParent ?? startedByNpm();
  return new Promise<string>((resolve) => {
    const parent = process.ppid;
    // A reparented process has a new ppid (1, or the nearest subreaper).
    const poll = watchParent
      ? setInterval(() => process.ppid !== parent && done("parent exited"), PARENT_POLL_MS).unref()
      : undefined;
    const onSignal = (signal: NodeJS.Signals) => done(signal);
    for (const signal of SIGNALS) process.on(signal, onSignal);
    function done(reason: string) {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      clearInterval(poll);
      resolve(reason);
    }
  });
}
