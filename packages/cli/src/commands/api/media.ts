/**
 * `wxmp media upload | get` (temporary media, §6.2; `--permanent` for the material library,
 * §6.3) and `wxmp material list`, which pages through `batchget_material` 20 items at a time.
 */
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { Client } from '@wxmp/sdk'
import type { DownloadedFile } from '@wxmp/spec'
import { TRANSFER_TIMEOUT_MS, openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { mediaTypeOf, writeBytes } from '../../api/files.js'
import type { MediaType } from '../../api/files.js'
import { isoTime, printJson, printLines, table } from '../../api/output.js'
import { formatBytes, startProgress } from '../../api/progress.js'
import { acceptDashedIds, usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'

/** Flags of `wxmp media upload`. */
export interface UploadFlags extends ApiFlags {
  type?: string
  permanent?: boolean
  title?: string
  introduction?: string
}

/** What an upload gave back, whichever endpoint took it. */
export interface Uploaded {
  readonly type: MediaType
  readonly media_id: string
  readonly permanent: boolean
  /** Temporary media: when it was stored (it is kept 3 days). */
  readonly created_at?: number
  /** Permanent images: their URL (usable on Tencent domains only). */
  readonly url?: string
}

/** Items per `batchget_material` call: WeChat's maximum. */
export const MATERIAL_PAGE = 20

/** Registers `wxmp media` and `wxmp material`. */
export function registerMediaCommands(program: Command): void {
  const media = usageExit2(program.command('media')).description('upload and download media (素材)')
  withApiOptions(
    media
      .command('upload')
      .argument('<file>', 'the file to upload')
      .description('upload a file as temporary media (kept 3 days), or --permanent material')
      .option('--type <type>', 'image | voice | video | thumb (default: from the extension)')
      .option('--permanent', 'add it to the material library (永久素材) instead')
      .option('--title <title>', "a permanent video's title (default: the file name)")
      .option('--introduction <text>', "a permanent video's introduction")
      .option('--json', 'print the answer as JSON'),
  ).action(
    apiAction(async (file: string, flags: UploadFlags) => {
      const uploaded = await uploadFile(openClient(flags), file, flags)
      if (flags.json === true) return printJson(uploaded)
      const kept =
        uploaded.created_at === undefined
          ? 'permanent'
          : `temporary, until ${isoTime(uploaded.created_at + 3 * 86_400)}`
      printLines([
        `uploaded ${uploaded.type} ${basename(file)} (${kept})`,
        `media_id ${uploaded.media_id}`,
        ...(uploaded.url === undefined ? [] : [`url ${uploaded.url}`]),
      ])
    }),
  )
  acceptDashedIds(
    withApiOptions(
      media
        .command('get')
        .argument('<media_id>', 'the media to download')
        .description('download media to a file')
        .requiredOption('-o, --output <file>', 'where to write the bytes')
        .option('--permanent', 'the media is permanent material'),
    ),
  ).action(
    apiAction(
      async (mediaId: string, flags: ApiFlags & { output: string; permanent?: boolean }) => {
        const client = openClient(flags)
        const options = { timeoutMs: TRANSFER_TIMEOUT_MS }
        const answer =
          flags.permanent === true
            ? await client.material.get({ media_id: mediaId }, options)
            : await client.media.get({ media_id: mediaId }, options)
        if (!isFile(answer)) {
          // A video (or a permanent article) comes as JSON: there are no bytes to write.
          printJson(answer)
          return
        }
        writeBytes(flags.output, answer.data)
        printLines([
          `wrote ${formatBytes(answer.data.length)} (${answer.contentType}) to ${flags.output}`,
        ])
      },
    ),
  )

  const material = usageExit2(program.command('material')).description(
    'the material library (永久素材)',
  )
  withApiOptions(
    material
      .command('list')
      .description('list every item of one type, paging through batchget_material')
      .option('--type <type>', 'image | video | voice | news', 'image')
      .option('--json', 'print {type, total_count, items} as JSON'),
  ).action(
    apiAction(async (flags: ApiFlags & { type: string }) => {
      const type = flags.type
      if (type !== 'image' && type !== 'video' && type !== 'voice' && type !== 'news')
        throw new UsageError(`--type: "${type}" is not one of image, video, voice, news`)
      const { total, items } = await listMaterial(openClient(flags), type)
      if (flags.json === true) return printJson({ type, total_count: total, items })
      printLines(
        table(
          ['media_id', 'updated', 'name'],
          items.map((item) => [item.media_id, isoTime(item.update_time), item.name ?? '']),
        ),
      )
    }),
  )
  acceptDashedIds(
    withApiOptions(
      material
        .command('delete')
        .argument('<media_id>', 'the permanent material to delete')
        .description(
          'delete permanent material (refused, 48005, while a menu or auto-reply uses it)',
        ),
    ),
  ).action(
    apiAction(async (mediaId: string, flags: ApiFlags) => {
      await openClient(flags).material.delete({ media_id: mediaId })
      printLines([`material ${mediaId} deleted`])
    }),
  )
}

/** Uploads `file` as temporary media, or permanent material with `flags.permanent`. */
export async function uploadFile(
  client: Client,
  file: string,
  flags: UploadFlags,
): Promise<Uploaded> {
  const type = mediaTypeOf(file, flags.type)
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`)
  const options = { timeoutMs: TRANSFER_TIMEOUT_MS }
  if (flags.permanent !== true) {
    const answer = await client.media.upload({ type, media: { path: file } }, options)
    return { type, media_id: answer.media_id, permanent: false, created_at: answer.created_at }
  }
  const description =
    type === 'video'
      ? JSON.stringify({
          title: flags.title ?? basename(file),
          introduction: flags.introduction ?? '',
        })
      : undefined
  const answer = await client.material.add(
    { type, media: { path: file }, ...(description === undefined ? {} : { description }) },
    options,
  )
  return {
    type,
    media_id: answer.media_id,
    permanent: true,
    ...(answer.url === undefined ? {} : { url: answer.url }),
  }
}

type MaterialType = 'image' | 'video' | 'voice' | 'news'
type MaterialItem = Awaited<ReturnType<Client['material']['batchGet']>>['item'][number]

/** Every item of `type`, 20 per call until `total_count` is reached (a bar on a terminal). */
export async function listMaterial(
  client: Client,
  type: MaterialType,
): Promise<{ total: number; items: MaterialItem[] }> {
  const items: MaterialItem[] = []
  const bar = startProgress(`material ${type}`)
  try {
    for (;;) {
      const page = await client.material.batchGet({
        type,
        offset: items.length,
        count: MATERIAL_PAGE,
      })
      items.push(...page.item)
      bar.update(items.length, page.total_count)
      // An empty page ends it too, should the total shrink while paging.
      if (page.item.length === 0 || items.length >= page.total_count)
        return { total: page.total_count, items }
    }
  } finally {
    bar.finish()
  }
}

function isFile(answer: unknown): answer is DownloadedFile {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    (answer as { data?: unknown }).data instanceof Uint8Array
  )
}
