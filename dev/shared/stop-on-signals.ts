/** Shared by the development servers' entry points: stop cleanly on Ctrl+C or a TERM, once. */

/** On SIGINT or SIGTERM, says what it stops, awaits `close`, and exits (1 if closing failed). */
export function stopOnSignals(what: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${what}`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
