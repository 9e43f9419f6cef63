import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints the closing line CI reads, `tests: N passed, N failed, N skipped`.
 * Vitest's own summary does not have that form. A module that failed to load counts as a failure.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const mod of testModules) {
      let count = 0
      for (const test of mod.children.allTests()) {
        count++
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      if (count === 0 && mod.state() === 'failed') failed++
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
