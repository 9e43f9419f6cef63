/**
 * The XML fuzz corpus shared by `differential.test.ts` (a few thousand inputs in `npm test`) and
 * `bench/xml-fuzz.ts` (100k+). It lives in the package, not under a test-only name, because it
 * has no dependencies and is useful beyond the differential test (the emulator or a webhook's
 * own tests can fuzz with it); it is not exported from the package index.
 * Inputs: ~45% pristine WeChat-like bodies, ~52% mutated ones, ~3% deeply nested documents.
 */
import { wechatBody } from './fuzz-messages.js'
import { mutate } from './fuzz-mutate.js'
import { renderBody } from './fuzz-render.js'
import { Rng } from './fuzz-rng.js'

/** A document nested `depth` elements deep (around the parser's 32-level bound). */
export function deepDocument(depth: number, leaf = 'x'): string {
  return '<d>'.repeat(depth) + leaf + '</d>'.repeat(depth)
}

/** One corpus input drawn from `rng`. */
export function fuzzInput(rng: Rng): string {
  const roll = rng.float()
  if (roll < 0.03) return deepDocument(rng.range(28, 40))
  const body = renderBody(rng, wechatBody(rng))
  return roll < 0.48 ? body : mutate(rng, body)
}

/** `count` corpus inputs from `seed`; the same seed always yields the same sequence. */
export function* fuzzCorpus(seed: number, count: number): Generator<string> {
  const rng = new Rng(seed)
  for (let i = 0; i < count; i++) yield fuzzInput(rng)
}

/**
 * The benchmark body: a plaintext-mode text message exactly as WeChat formats it, 376 bytes of
 * UTF-8 (its 30-character Chinese question is 90 of them).
 */
export const TYPICAL_TEXT_MESSAGE = `<xml>
  <ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
  <FromUserName><![CDATA[o6_bmjrPTlm6_2sgVt7hMZOPfL2M]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[你好，请问今天下午的线下活动几点开始？需要提前报名吗？谢谢！]]></Content>
  <MsgId>6054768590064713728</MsgId>
</xml>`
