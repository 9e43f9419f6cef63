#!/usr/bin/env node
// The wxmp command. The TypeScript sources are compiled to dist/ by the root `prepare` script,
// which npm runs on every `npm install` / `npm ci`.
import { main } from '../dist/main.js'

main(process.argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code
  },
  (err) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exitCode = 1
  },
)
