/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits 0 (1 if stopping failed). A second signal
 * while stopping exits at once, for the impatient Ctrl-C.
 */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false
  const handler = (): void => {
    if (stopping) process.exit(130)
    stopping = true
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('wxmp: error while stopping:', err instanceof Error ? err.message : err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}
