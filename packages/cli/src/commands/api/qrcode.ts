/**
 * `wxmp qrcode create`: a parametric QR code (§6.10) through the SDK's `createQrCode`, which
 * checks scene and life first. Prints ticket, URL and image URL; `-o` saves the image.
 */
import type { Command } from 'commander'
import { createQrCode } from '@wxmp/sdk'
import type { QrCodeOptions } from '@wxmp/sdk'
import { TRANSFER_TIMEOUT_MS, openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { writeBytes } from '../../api/files.js'
import { formatBytes } from '../../api/progress.js'
import { printJson, printLines } from '../../api/output.js'
import { usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'

/** Flags of `wxmp qrcode create`. */
export interface QrFlags extends ApiFlags {
  scene: string
  expire?: string
  permanent?: boolean
  output?: string
}

/** Registers `wxmp qrcode`. */
export function registerQrCodeCommands(program: Command): void {
  const qrcode = usageExit2(program.command('qrcode')).description(
    'parametric QR codes (带参数二维码)',
  )
  withApiOptions(
    qrcode
      .command('create')
      .description('create a QR code that reports its scene when scanned')
      .requiredOption('--scene <scene>', 'digits: a scene_id; anything else: a scene_str')
      .option('--expire <seconds>', "a temporary code's life, 1 … 2592000 (WeChat's default: 60)")
      .option('--permanent', 'a permanent code (at most 100,000 per account)')
      .option('-o, --output <file>', 'also download the image (JPEG) to this file')
      .option('--json', 'print ticket, expire_seconds, url and imageUrl as JSON'),
  ).action(
    apiAction(async (flags: QrFlags) => {
      const client = openClient(flags)
      const code = await createQrCode(client, qrOptions(flags))
      let saved: string | undefined
      if (flags.output !== undefined) {
        const image = await client.qrcode.show(
          { ticket: code.ticket },
          { timeoutMs: TRANSFER_TIMEOUT_MS },
        )
        writeBytes(flags.output, image.data)
        saved = `wrote ${formatBytes(image.data.length)} (${image.contentType}) to ${flags.output}`
      }
      if (flags.json === true)
        return printJson(flags.output === undefined ? code : { ...code, file: flags.output })
      printLines([
        `ticket ${code.ticket}`,
        ...(code.expire_seconds === undefined
          ? ['permanent']
          : [`expires in ${code.expire_seconds} s`]),
        `url ${code.url}`,
        `image ${code.imageUrl}`,
        ...(saved === undefined ? [] : [saved]),
      ])
    }),
  )
}

/** The SDK options for the flags: `--expire` and `--permanent` exclude each other. */
export function qrOptions(flags: Pick<QrFlags, 'scene' | 'expire' | 'permanent'>): QrCodeOptions {
  // [inferred] Digits are a number scene (scene_id), as a scan reports them back the same way.
  const scene = /^\d+$/.test(flags.scene) ? Number(flags.scene) : flags.scene
  if (flags.permanent === true) {
    if (flags.expire !== undefined)
      throw new UsageError(
        '--expire and --permanent exclude each other: a permanent code never expires',
      )
    return { scene, permanent: true }
  }
  if (flags.expire === undefined) return { scene }
  if (!/^\d+$/.test(flags.expire))
    throw new UsageError(`--expire: "${flags.expire}" is not a number of seconds`)
  return { scene, expireSeconds: Number(flags.expire) }
}
