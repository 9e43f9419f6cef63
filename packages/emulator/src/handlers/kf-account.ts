/**
 * Customer-service accounts (客服账号管理; not in the reference, from WeChat's servicermanage
 * pages): add, rename, delete, invite a WeChat user to work as one, set its head image, list all
 * and the online ones. Errcodes are the pages' 65401–65412.
 */
import { ERRCODE } from '@wxmp/core'
import type { KfAccount } from '../kf-accounts.js'
import { MAX_KF_ACCOUNTS } from '../kf-accounts.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'
import { receivedFile } from './upload.js'

/**
 * `prefix@wechat-id`: a prefix of 1–10 letters, digits or `_`, then the account's WeChat id, at
 * most 30 characters (the docs' rule; 65404 otherwise). [inferred] The emulator does not know
 * the account's WeChat id, so any well-formed one (a letter, then letters, digits, `_`, `-`) is
 * accepted.
 */
export const KF_ACCOUNT_PATTERN = /^[A-Za-z0-9_]{1,10}@[A-Za-z][A-Za-z0-9_-]{0,29}$/

/** Nicknames are 1–16 characters (the docs: "最长 16 个字"; 65403 otherwise). */
export const MAX_KF_NICKNAME_CHARS = 16

/**
 * A WeChat id an invitation can name (65409 otherwise): 6–20 characters, a letter first, then
 * letters, digits, `_` or `-`, WeChat's rule for user-chosen ids [inferred].
 */
export const WECHAT_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/

/** A WeChat user can work as at most this many customer-service accounts (65410 beyond). */
export const MAX_KF_BINDINGS = 5

const OK = { errcode: 0, errmsg: 'ok' } as const

function checkNickname(nickname: string): void {
  const length = [...nickname].length
  if (nickname.trim() === '' || length > MAX_KF_NICKNAME_CHARS)
    throw new WechatError(ERRCODE.INVALID_KF_NICKNAME)
}

/** An existing customer-service account of the caller; 65401 otherwise. */
function existing(ctx: HandlerContext, account: string): KfAccount {
  const kf = ctx.state.kfAccounts.get(callerOf(ctx), account)
  if (!kf) throw new WechatError(ERRCODE.INVALID_KF_ACCOUNT)
  return kf
}

/**
 * Invitation rules, in this order: a valid WeChat id (65409), an account not yet bound (65412)
 * and without a waiting invitation (65411), an invitee who does not already work for (65407) or
 * have a waiting invitation from (65408) this account, and who works as fewer than 5 accounts of
 * all the emulated ones (65410). A rejected or expired invitation can be renewed.
 */
function checkInvite(ctx: HandlerContext, kf: KfAccount, wx: string): void {
  const store = ctx.state.kfAccounts
  if (!WECHAT_ID_PATTERN.test(wx)) throw new WechatError(ERRCODE.INVALID_KF_WECHAT_ID)
  if (kf.worker !== undefined) throw new WechatError(ERRCODE.KF_ACCOUNT_ALREADY_BOUND)
  if (store.inviteStatus(kf) === 'waiting') throw new WechatError(ERRCODE.KF_INVITE_PENDING)
  const others = store.list(callerOf(ctx))
  if (others.some((other) => other.worker === wx))
    throw new WechatError(ERRCODE.KF_INVITEE_ALREADY_WORKER)
  if (others.some((other) => other.invite?.wx === wx && store.inviteStatus(other) === 'waiting'))
    throw new WechatError(ERRCODE.KF_INVITEE_ALREADY_INVITED)
  if (store.bindings(wx) >= MAX_KF_BINDINGS) throw new WechatError(ERRCODE.KF_INVITEE_BINDING_LIMIT)
}

/** The customer-service account endpoints this step emulates. */
export const kfAccountHandlers = {
  'kfAccount.add': {
    // The old API's `password` (an MD5) is accepted and ignored: the current system has none.
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      if (!KF_ACCOUNT_PATTERN.test(request.kf_account))
        throw new WechatError(ERRCODE.INVALID_KF_ACCOUNT_NAME)
      checkNickname(request.nickname)
      if (ctx.state.kfAccounts.get(appid, request.kf_account))
        throw new WechatError(ERRCODE.KF_ACCOUNT_EXISTS)
      if (ctx.state.kfAccounts.list(appid).length >= MAX_KF_ACCOUNTS)
        throw new WechatError(ERRCODE.TOO_MANY_KF_ACCOUNTS)
      ctx.state.kfAccounts.add(appid, request.kf_account, request.nickname)
      return OK
    },
  },
  'kfAccount.update': {
    run: (request, ctx) => {
      const kf = existing(ctx, request.kf_account)
      checkNickname(request.nickname)
      kf.nickname = request.nickname
      return OK
    },
  },
  'kfAccount.delete': {
    run: (request, ctx) => {
      existing(ctx, request.kf_account)
      ctx.state.kfAccounts.remove(callerOf(ctx), request.kf_account)
      return OK
    },
  },
  'kfAccount.inviteWorker': {
    run: (request, ctx) => {
      const kf = existing(ctx, request.kf_account)
      checkInvite(ctx, kf, request.invite_wx)
      ctx.state.kfAccounts.invite(callerOf(ctx), kf.account, request.invite_wx)
      return OK
    },
  },
  'kfAccount.uploadHeadImg': {
    // The pipeline already applied the file rules (jpg/png, 5 MB: 40005 / 40009).
    run: (request, ctx) => {
      const kf = existing(ctx, request.kf_account)
      kf.headImgUrl = ctx.state.media.imageUrl(receivedFile('image', request.media))
      return OK
    },
  },
  'kfAccount.list': {
    run: (_request, ctx) => {
      const store = ctx.state.kfAccounts
      return {
        kf_list: store.list(callerOf(ctx)).map((kf) => {
          const status = store.inviteStatus(kf)
          return {
            kf_account: kf.account,
            kf_nick: kf.nickname,
            kf_id: String(kf.id),
            ...(kf.headImgUrl === undefined ? {} : { kf_headimgurl: kf.headImgUrl }),
            ...(kf.worker === undefined ? {} : { kf_wx: kf.worker }),
            ...(kf.invite === undefined || status === undefined
              ? {}
              : {
                  invite_wx: kf.invite.wx,
                  invite_expire_time: kf.invite.expiresAt,
                  invite_status: status,
                }),
          }
        }),
      }
    },
  },
  'kfAccount.listOnline': {
    // Nobody is online until a test says so (`state.kfAccounts.setOnline`) [inferred].
    run: (_request, ctx) => ({
      kf_online_list: ctx.state.kfAccounts
        .list(callerOf(ctx))
        .filter((kf) => kf.online)
        .map((kf) => ({
          kf_account: kf.account,
          status: 1,
          kf_id: String(kf.id),
          accepted_case: kf.acceptedCases,
        })),
    }),
  },
} satisfies Handlers
