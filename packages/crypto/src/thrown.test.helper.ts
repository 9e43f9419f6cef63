/** Test-only: what a call throws, so tests can assert both the error class and its fields. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected the call to throw, but it returned')
}
