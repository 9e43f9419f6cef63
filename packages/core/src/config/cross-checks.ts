/**
 * Rules that span several entries of the configuration: unique AppIDs, unique client names and
 * keys, and client accounts that exist. Zod runs these even when a single field failed, so the
 * entries are read defensively (an account that failed validation is still its raw object).
 */
import type { z } from 'zod'

type Entry = Record<string, unknown>

const asEntry = (value: unknown): Entry =>
  typeof value === 'object' && value !== null ? (value as Entry) : {}

const appidOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim().toLowerCase() : undefined

/** Each AppID may appear in `accounts` only once. */
export function checkUniqueAppids(accounts: readonly unknown[], ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>()
  accounts.forEach((account, i) => {
    const appid = appidOf(asEntry(account).appid)
    if (appid === undefined) return
    const first = firstIndex.get(appid)
    if (first === undefined) {
      firstIndex.set(appid, i)
      return
    }
    ctx.addIssue({
      code: 'custom',
      path: ['accounts', i, 'appid'],
      input: appid,
      message: `is the same AppID as accounts[${first}]`,
      params: { fix: 'list each account once', showInput: true },
    })
  })
}

/** Client names and keys are unique, and every AppID a client lists is a configured account. */
export function checkClients(
  clients: readonly unknown[],
  accounts: readonly unknown[],
  ctx: z.RefinementCtx,
): void {
  const known = accounts.map((a) => appidOf(asEntry(a).appid)).filter((a) => a !== undefined)
  const names = new Map<string, number>()
  const keys = new Map<string, number>()
  clients.forEach((raw, i) => {
    const client = asEntry(raw)
    if (typeof client.name === 'string') {
      const first = names.get(client.name)
      if (first === undefined) names.set(client.name, i)
      else
        duplicate(
          ctx,
          ['clients', i, 'name'],
          client.name,
          `clients[${first}]`,
          'give each client its own name',
        )
    }
    if (typeof client.key === 'string') {
      const first = keys.get(client.key)
      if (first === undefined) keys.set(client.key, i)
      // The key is a secret: the issue does not ask to show its input, so nothing echoes it.
      else
        duplicate(
          ctx,
          ['clients', i, 'key'],
          undefined,
          `clients[${first}]`,
          'give each client its own key, e.g. from `openssl rand -hex 24`',
        )
    }
    if (!Array.isArray(client.accounts)) return
    client.accounts.forEach((entry: unknown, k) => {
      const appid = appidOf(entry)
      // A malformed AppID already has its own issue from the schema.
      if (appid === undefined || !/^wx[0-9a-f]{16}$/.test(appid) || known.includes(appid)) return
      ctx.addIssue({
        code: 'custom',
        path: ['clients', i, 'accounts', k],
        input: appid,
        message: 'is not one of the configured accounts',
        params: {
          showInput: true,
          fix:
            known.length === 0
              ? 'add the account under accounts (none is configured), or remove it from this client'
              : `use one of ${known.join(', ')}, or add the account under accounts`,
        },
      })
    })
  })
}

function duplicate(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  input: string | undefined,
  first: string,
  fix: string,
): void {
  const params = { fix, showInput: input !== undefined }
  ctx.addIssue({ code: 'custom', path, input, message: `is the same as ${first}`, params })
}
