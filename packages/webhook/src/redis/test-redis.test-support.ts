/**
 * A Redis server for the tests of this package (see `startTestRedis`): started on first use by a
 * test file and stopped after it. Not part of the public API.
 */
import { afterAll } from 'vitest'
import { startTestRedis, type TestRedis } from '@wxmp/core/testing'

let started: Promise<TestRedis> | undefined
let prefixes = 0

afterAll(async () => {
  ;(await started)?.stop()
})

/** The URL of this test file's Redis server. */
export async function testRedisUrl(): Promise<string> {
  started ??= startTestRedis()
  return (await started).url
}

/** A key prefix no other test (or test run) uses, so tests never see each other's claims. */
export function uniquePrefix(): string {
  return `test${process.pid}.${++prefixes}.${Date.now()}:wxmp:webhook`
}
