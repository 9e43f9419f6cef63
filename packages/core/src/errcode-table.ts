/**
 * WeChat's errcodes as data: every code the protocol reference mentions (§5, §6.x, §7.1), plus
 * the WXBizMsgCrypt sample codes. Behaviour (retry, invalidate, throw) is chosen from `kind`,
 * never from `errmsg`; `errcodes.ts` holds the lookups.
 *
 * Kinds:
 * - `token`: the access_token was rejected; invalidate it (compare-and-invalidate) and retry once.
 * - `transient`: WeChat had a hiccup; back off and retry idempotent calls.
 * - `quota`: a daily or per-minute limit; retrying now only burns more calls.
 * - `permission`: the account, the user or an administrator does not allow this call.
 * - `config`: our configuration (AppID, AppSecret, IP whitelist, domains) is wrong; an operator must act.
 * - `invalid`: the request itself is wrong (a bug or bad input); retrying the same call fails again.
 */

/** What an errcode means for the caller; drives retry and invalidation. */
export type ErrcodeKind = 'token' | 'transient' | 'quota' | 'permission' | 'config' | 'invalid'

/**
 * Where a code comes from when it is not the HTTP API: `oauth-page` codes are shown on WeChat's
 * OAuth consent page (never in a JSON body), `local` codes are the WXBizMsgCrypt samples' own.
 */
export type ErrcodeOrigin = 'oauth-page' | 'local'

/** The shape every row of the table satisfies. */
export interface ErrcodeRow {
  /** WeChat's numeric errcode. */
  readonly code: number
  /** Stable SCREAMING_SNAKE name, for code that branches on errors. */
  readonly key: string
  /** What the caller should do about it. */
  readonly kind: ErrcodeKind
  /** Chinese description, as WeChat's own tables word it. */
  readonly zh: string
  /** Short English description. */
  readonly en: string
  /** The errmsg WeChat is seen to send (before any ` rid: …` suffix), when known. */
  readonly errmsg?: string
  /** One sentence with the fix, for known traps. `{ip}` is filled from the errmsg. */
  readonly hint?: string
  /** Set when the code never comes in an HTTP API response. */
  readonly origin?: ErrcodeOrigin
}

const WRONG_SECRET_HINT =
  'The AppSecret is wrong: copy it again from 基本配置 → 公众号开发信息 (resetting it there voids the old one) and set secret / WXMP_SECRET.'

/** Hint used for 40001 when it comes from a token endpoint, where it means a wrong AppSecret. */
export const TOKEN_ENDPOINT_40001_HINT = WRONG_SECRET_HINT

/** Every known errcode. Sorted by code; `-1` first, the local crypto codes last. */
// One row per line keeps the table reviewable as data, hence no reformatting.
// prettier-ignore
export const ERRCODE_TABLE = [
  { code: -1, key: 'SYSTEM_BUSY', kind: 'transient', zh: '系统繁忙，请稍候再试', en: 'system busy, retry later', errmsg: 'system error' },

  // OAuth consent page (open.weixin.qq.com/connect/oauth2/authorize), §6.11.
  { code: 10003, key: 'OAUTH_REDIRECT_URI_DOMAIN_MISMATCH', kind: 'config', zh: 'redirect_uri 域名与后台配置不一致', en: 'redirect_uri domain does not match the configured OAuth domain', origin: 'oauth-page', hint: "Set 网页授权域名 (设置与开发 → 接口权限 → 网页授权) to the redirect_uri's domain." },
  { code: 10004, key: 'OAUTH_ACCOUNT_BANNED', kind: 'permission', zh: '此公众号被封禁', en: 'account banned', origin: 'oauth-page' },
  { code: 10005, key: 'OAUTH_SCOPE_UNAUTHORIZED', kind: 'permission', zh: '此公众号并没有这些 scope 的权限', en: 'account lacks permission for this scope', origin: 'oauth-page' },
  { code: 10006, key: 'OAUTH_MUST_FOLLOW_TEST_ACCOUNT', kind: 'permission', zh: '必须关注此测试号', en: 'user must follow the test account', origin: 'oauth-page' },
  { code: 10009, key: 'OAUTH_TOO_FREQUENT', kind: 'quota', zh: '操作太频繁了，请稍后重试', en: 'too frequent, retry later', origin: 'oauth-page' },
  { code: 10010, key: 'OAUTH_SCOPE_EMPTY', kind: 'invalid', zh: 'scope 不能为空', en: 'scope is empty', origin: 'oauth-page' },
  { code: 10011, key: 'OAUTH_REDIRECT_URI_EMPTY', kind: 'invalid', zh: 'redirect_uri 不能为空', en: 'redirect_uri is empty', origin: 'oauth-page' },
  { code: 10012, key: 'OAUTH_APPID_EMPTY', kind: 'invalid', zh: 'appid 不能为空', en: 'appid is empty', origin: 'oauth-page' },
  { code: 10013, key: 'OAUTH_STATE_EMPTY', kind: 'invalid', zh: 'state 不能为空', en: 'state is empty', origin: 'oauth-page' },
  { code: 10015, key: 'OAUTH_NOT_AUTHORIZED_TO_THIRD_PARTY', kind: 'permission', zh: '公众号未授权第三方平台，请检查授权状态', en: 'account has not authorized the third-party platform', origin: 'oauth-page' },
  { code: 10016, key: 'OAUTH_OPEN_PLATFORM_APPID_UNSUPPORTED', kind: 'config', zh: '不支持微信开放平台的 Appid，请使用公众号 Appid', en: 'Open Platform AppID not supported; use the Official Account AppID', origin: 'oauth-page' },

  { code: 40001, key: 'INVALID_CREDENTIAL', kind: 'token', zh: '获取 access_token 时 AppSecret 错误，或者 access_token 无效或不是最新的', en: 'wrong AppSecret (token endpoints) or access_token invalid / not latest', errmsg: 'invalid credential, access_token is invalid or not latest', hint: 'The access_token was rejected, usually because another process fetched a newer one: let a single token service fetch tokens for this account.' },
  { code: 40002, key: 'INVALID_GRANT_TYPE', kind: 'invalid', zh: '不合法的凭证类型', en: 'invalid grant_type', errmsg: 'invalid grant_type' },
  { code: 40003, key: 'INVALID_OPENID', kind: 'invalid', zh: '不合法的 OpenID，请确认用户已关注公众号且 OpenID 属于本公众号', en: 'invalid OpenID (not following, or belongs to another account)', errmsg: 'invalid openid' },
  { code: 40004, key: 'INVALID_MEDIA_TYPE', kind: 'invalid', zh: '不合法的媒体文件类型', en: 'invalid media type', errmsg: 'invalid media type' },
  { code: 40005, key: 'INVALID_FILE_TYPE', kind: 'invalid', zh: '上传素材文件格式不对', en: 'invalid file type' },
  { code: 40006, key: 'INVALID_FILE_SIZE', kind: 'invalid', zh: '上传素材文件大小超出限制', en: 'invalid file size' },
  { code: 40007, key: 'INVALID_MEDIA_ID', kind: 'invalid', zh: '不合法的媒体文件 id', en: 'invalid media_id', errmsg: 'invalid media_id' },
  { code: 40008, key: 'INVALID_MESSAGE_TYPE', kind: 'invalid', zh: '不合法的消息类型', en: 'invalid message type', errmsg: 'invalid message type' },
  { code: 40009, key: 'INVALID_IMAGE_SIZE', kind: 'invalid', zh: '不合法的图片文件大小', en: 'invalid image size', errmsg: 'invalid image size' },
  { code: 40010, key: 'INVALID_VOICE_SIZE', kind: 'invalid', zh: '不合法的语音文件大小', en: 'invalid voice size' },
  { code: 40011, key: 'INVALID_VIDEO_SIZE', kind: 'invalid', zh: '不合法的视频文件大小', en: 'invalid video size' },
  { code: 40012, key: 'INVALID_THUMB_SIZE', kind: 'invalid', zh: '不合法的缩略图文件大小', en: 'invalid thumb size' },
  { code: 40013, key: 'INVALID_APPID', kind: 'config', zh: '不合法的 AppID，请检查 AppID 的正确性', en: 'invalid AppID', errmsg: 'invalid appid', hint: 'Check the AppID: copy 开发者ID(AppID) from 基本配置 → 公众号开发信息 and set appid / WXMP_APPID.' },
  { code: 40014, key: 'INVALID_ACCESS_TOKEN', kind: 'token', zh: '不合法的 access_token', en: 'invalid access_token', errmsg: 'invalid access_token' },
  { code: 40015, key: 'INVALID_MENU_TYPE', kind: 'invalid', zh: '不合法的菜单类型', en: 'invalid menu type', errmsg: 'invalid menu type' },
  { code: 40016, key: 'INVALID_BUTTON_SIZE', kind: 'invalid', zh: '不合法的按钮个数', en: 'invalid number of buttons', errmsg: 'invalid button size' },
  { code: 40017, key: 'INVALID_BUTTON_TYPE', kind: 'invalid', zh: '不合法的按钮类型', en: 'invalid button type', errmsg: 'invalid button type' },
  { code: 40018, key: 'INVALID_BUTTON_NAME_SIZE', kind: 'invalid', zh: '不合法的按钮名字长度', en: 'invalid button name length', errmsg: 'invalid button name size' },
  { code: 40019, key: 'INVALID_BUTTON_KEY_SIZE', kind: 'invalid', zh: '不合法的按钮 KEY 长度', en: 'invalid button key length', errmsg: 'invalid button key size' },
  { code: 40020, key: 'INVALID_BUTTON_URL_SIZE', kind: 'invalid', zh: '不合法的按钮 URL 长度', en: 'invalid button URL length', errmsg: 'invalid button url size' },
  // 40021/40022 are not in the reference; they come from WeChat's 全局返回码 table and complete the menu range.
  { code: 40021, key: 'INVALID_MENU_VERSION', kind: 'invalid', zh: '不合法的菜单版本号', en: 'invalid menu version' },
  { code: 40022, key: 'INVALID_SUB_MENU_LEVEL', kind: 'invalid', zh: '不合法的子菜单级数', en: 'invalid sub-menu level' },
  { code: 40023, key: 'INVALID_SUB_BUTTON_SIZE', kind: 'invalid', zh: '不合法的子菜单按钮个数', en: 'invalid number of sub buttons' },
  { code: 40024, key: 'INVALID_SUB_BUTTON_TYPE', kind: 'invalid', zh: '不合法的子菜单按钮类型', en: 'invalid sub button type' },
  { code: 40025, key: 'INVALID_SUB_BUTTON_NAME_SIZE', kind: 'invalid', zh: '不合法的子菜单按钮名字长度', en: 'invalid sub button name length' },
  { code: 40026, key: 'INVALID_SUB_BUTTON_KEY_SIZE', kind: 'invalid', zh: '不合法的子菜单按钮 KEY 长度', en: 'invalid sub button key length' },
  { code: 40027, key: 'INVALID_SUB_BUTTON_URL_SIZE', kind: 'invalid', zh: '不合法的子菜单按钮 URL 长度', en: 'invalid sub button URL length' },
  { code: 40029, key: 'INVALID_OAUTH_CODE', kind: 'invalid', zh: '无效的 oauth_code', en: 'invalid or expired OAuth code', errmsg: 'invalid code' },
  { code: 40030, key: 'INVALID_REFRESH_TOKEN', kind: 'invalid', zh: '不合法的 refresh_token', en: 'invalid refresh_token', errmsg: 'invalid refresh_token' },
  { code: 40032, key: 'INVALID_OPENID_LIST_SIZE', kind: 'invalid', zh: '不合法的 openid 列表长度', en: 'invalid openid list length', errmsg: 'invalid openid list size' },
  { code: 40033, key: 'INVALID_CHARSET', kind: 'invalid', zh: '不合法的请求字符，不能包含 \\uxxxx 格式的字符', en: 'request contains \\uXXXX escapes', hint: 'Send non-ASCII text as raw UTF-8 (JSON.stringify does); do not escape it as \\uXXXX.' },
  { code: 40035, key: 'INVALID_PARAMETER', kind: 'invalid', zh: '不合法的参数', en: 'invalid parameter' },
  { code: 40036, key: 'INVALID_TEMPLATE_ID_SIZE', kind: 'invalid', zh: '不合法的 template_id 长度', en: 'invalid template_id length', errmsg: 'invalid template_id size' },
  { code: 40037, key: 'INVALID_TEMPLATE_ID', kind: 'invalid', zh: '不合法的 template_id', en: 'invalid template_id', errmsg: 'invalid template_id' },
  { code: 40038, key: 'INVALID_REQUEST_FORMAT', kind: 'invalid', zh: '不合法的请求格式', en: 'invalid request format' },
  { code: 40039, key: 'INVALID_URL_SIZE', kind: 'invalid', zh: '不合法的 URL 长度', en: 'invalid URL length', errmsg: 'invalid url size' },
  { code: 40048, key: 'INVALID_URL_DOMAIN', kind: 'invalid', zh: '无效的 url 域名', en: 'invalid URL domain', errmsg: 'invalid url domain' },
  // 40053 is not in the reference; WeChat's 全局返回码 table names it, and the emulator answers it for a QR scene it refuses (§6.10).
  { code: 40053, key: 'INVALID_ACTION_INFO', kind: 'invalid', zh: '不合法的 actioninfo，请开发者确认参数正确', en: 'invalid action_info (e.g. a QR code scene out of range)' },
  { code: 40054, key: 'INVALID_SUB_BUTTON_URL_DOMAIN', kind: 'invalid', zh: '不合法的子菜单按钮 url 域名', en: 'invalid sub button URL domain' },
  { code: 40055, key: 'INVALID_BUTTON_URL_DOMAIN', kind: 'invalid', zh: '不合法的菜单按钮 url 域名', en: 'invalid button URL domain' },
  { code: 40059, key: 'INVALID_MSG_ID', kind: 'invalid', zh: '不合法的消息 id', en: 'invalid msg_id', errmsg: 'invalid msg id' },
  { code: 40066, key: 'INVALID_URL', kind: 'invalid', zh: '不合法的 url，请检查接口地址', en: 'invalid URL (wrong API path)', errmsg: 'invalid url' },
  { code: 40092, key: 'INVALID_REMARK', kind: 'invalid', zh: '不合法的备注', en: 'invalid remark' },
  // 40097 is WeChat's generic 参数错误 (全局返回码); the emulator answers it for a getticket `type` it does not know.
  { code: 40097, key: 'INVALID_ARGS', kind: 'invalid', zh: '参数错误', en: 'invalid arguments', errmsg: 'invalid args' },
  { code: 40125, key: 'INVALID_APPSECRET', kind: 'config', zh: '无效的 AppSecret', en: 'invalid AppSecret', errmsg: 'invalid appsecret', hint: WRONG_SECRET_HINT },
  // Not in the reference: mass/send's answer to a list of fewer than two OpenIDs (observed).
  { code: 40130, key: 'OPENID_LIST_TOO_SHORT', kind: 'invalid', zh: '不合法的 openid 列表长度，长度至少大于 2 个', en: 'OpenID list too short (at least two)', errmsg: 'invalid openid list size, at least two openid' },
  { code: 40163, key: 'OAUTH_CODE_USED', kind: 'invalid', zh: 'oauth_code 已使用', en: 'OAuth code already used' },
  { code: 40164, key: 'IP_NOT_WHITELISTED', kind: 'config', zh: '调用接口的 IP 地址不在白名单中，请在接口 IP 白名单中进行设置', en: 'caller IP not in the whitelist', errmsg: 'invalid ip <ip> ipv6 ::ffff:<ip>, not in whitelist', hint: "Add this server's outbound IP {ip} in 基本配置 → IP白名单 (behind NAT or a proxy, the egress address), then retry." },

  { code: 41001, key: 'ACCESS_TOKEN_MISSING', kind: 'invalid', zh: '缺少 access_token 参数', en: 'access_token missing', errmsg: 'access_token missing' },
  { code: 41002, key: 'APPID_MISSING', kind: 'config', zh: '缺少 appid 参数', en: 'appid missing', errmsg: 'appid missing' },
  { code: 41003, key: 'REFRESH_TOKEN_MISSING', kind: 'invalid', zh: '缺少 refresh_token 参数', en: 'refresh_token missing' },
  { code: 41004, key: 'SECRET_MISSING', kind: 'config', zh: '缺少 secret 参数', en: 'secret missing' },
  { code: 41005, key: 'MEDIA_DATA_MISSING', kind: 'invalid', zh: '缺少多媒体文件数据', en: 'media data missing' },
  { code: 41006, key: 'MEDIA_ID_MISSING', kind: 'invalid', zh: '缺少 media_id 参数', en: 'media_id missing' },
  // 41008 is not in the reference; WeChat's 全局返回码 table names it (sns/oauth2/access_token without code).
  { code: 41008, key: 'OAUTH_CODE_MISSING', kind: 'invalid', zh: '缺少 oauth code', en: 'OAuth code missing' },
  { code: 41009, key: 'OPENID_MISSING', kind: 'invalid', zh: '缺少 openid', en: 'openid missing' },

  { code: 42001, key: 'ACCESS_TOKEN_EXPIRED', kind: 'token', zh: 'access_token 超时，请检查 access_token 的有效期', en: 'access_token expired', errmsg: 'access_token expired' },
  { code: 42002, key: 'REFRESH_TOKEN_EXPIRED', kind: 'invalid', zh: 'refresh_token 超时', en: 'OAuth refresh_token expired; the user must authorize again' },
  { code: 42003, key: 'OAUTH_CODE_EXPIRED', kind: 'invalid', zh: 'oauth_code 超时', en: 'OAuth code expired' },
  { code: 42007, key: 'USER_TOKENS_REVOKED', kind: 'invalid', zh: '用户修改微信密码，access_token 和 refresh_token 失效，需要重新授权', en: 'user changed password; web tokens revoked, authorize again' },

  { code: 43001, key: 'REQUIRE_GET_METHOD', kind: 'invalid', zh: '需要 GET 请求', en: 'GET required' },
  { code: 43002, key: 'REQUIRE_POST_METHOD', kind: 'invalid', zh: '需要 POST 请求', en: 'POST required', errmsg: 'require POST method' },
  { code: 43003, key: 'REQUIRE_HTTPS', kind: 'invalid', zh: '需要 HTTPS 请求', en: 'HTTPS required', errmsg: 'require https' },
  { code: 43004, key: 'REQUIRE_SUBSCRIBE', kind: 'invalid', zh: '需要接收者关注', en: 'receiver must follow the account' },
  { code: 43019, key: 'USER_IN_BLACKLIST', kind: 'invalid', zh: '需要将接收者从黑名单中移除', en: 'receiver is blacklisted' },
  { code: 43101, key: 'USER_REFUSED_MESSAGE', kind: 'invalid', zh: '用户拒绝接受消息', en: 'user refused the message', errmsg: 'user refuse to accept the msg' },

  { code: 44001, key: 'EMPTY_MEDIA_DATA', kind: 'invalid', zh: '多媒体文件为空', en: 'empty media data' },
  { code: 44002, key: 'EMPTY_POST_DATA', kind: 'invalid', zh: 'POST 的数据包为空', en: 'empty POST body', errmsg: 'empty post data' },
  { code: 44003, key: 'EMPTY_NEWS_DATA', kind: 'invalid', zh: '图文消息内容为空', en: 'empty news message' },
  { code: 44004, key: 'EMPTY_TEXT_CONTENT', kind: 'invalid', zh: '文本消息内容为空', en: 'empty text message' },

  { code: 45001, key: 'MEDIA_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '多媒体文件大小超过限制', en: 'media size out of limit' },
  { code: 45002, key: 'CONTENT_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '消息内容超过限制', en: 'content size out of limit', errmsg: 'content size out of limit' },
  { code: 45003, key: 'TITLE_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '标题字段超过限制', en: 'title size out of limit' },
  { code: 45004, key: 'DESCRIPTION_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '描述字段超过限制', en: 'description size out of limit' },
  { code: 45005, key: 'URL_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '链接字段超过限制', en: 'link size out of limit' },
  { code: 45006, key: 'PICURL_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '图片链接字段超过限制', en: 'picurl size out of limit' },
  { code: 45007, key: 'VOICE_PLAYTIME_OUT_OF_LIMIT', kind: 'invalid', zh: '语音播放时间超过限制', en: 'voice duration out of limit' },
  { code: 45008, key: 'ARTICLE_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '图文消息超过限制', en: 'too many articles in a news message' },
  { code: 45009, key: 'API_QUOTA_EXCEEDED', kind: 'quota', zh: '接口调用超过限制', en: 'daily API quota exhausted', errmsg: 'reach max api daily quota limit', hint: 'The daily quota of this API is used up: it resets at midnight Beijing time (UTC+8), or reset it now with clear_quota (10 resets a month).' },
  { code: 45010, key: 'MENU_COUNT_OUT_OF_LIMIT', kind: 'invalid', zh: '创建菜单个数超过限制', en: 'menu count limit reached' },
  { code: 45011, key: 'API_MINUTE_QUOTA_EXCEEDED', kind: 'quota', zh: 'API 调用太频繁，请稍候再试', en: 'per-minute API rate limit reached', errmsg: 'api minute-quota reach limit must slower retry next minute', hint: 'Calls to this API are limited per minute: slow down and retry in the next minute.' },
  { code: 45015, key: 'REPLY_WINDOW_CLOSED', kind: 'permission', zh: '回复时间超过限制或用户已取消关注', en: 'customer-service window closed or user unfollowed', errmsg: 'response out of time limit or subscription is canceled', hint: "The customer-service window is closed: send only within 48 h of the user's last message (5 messages) or 1 min after a menu click, follow or scan, never to unfollowed users; use a template message otherwise." },
  { code: 45047, key: 'CUSTOMER_SERVICE_QUOTA_EXCEEDED', kind: 'quota', zh: '客服接口下行条数超过上限', en: 'customer-service message quota for this window exceeded' },
  { code: 45056, key: 'TOO_MANY_TAGS', kind: 'invalid', zh: '创建的标签数过多，请注意不能超过 100 个', en: 'too many tags (max 100)' },
  { code: 45057, key: 'TAG_HAS_TOO_MANY_FANS', kind: 'invalid', zh: '该标签下粉丝数超过 10w，不允许直接删除', en: 'tag has more than 100,000 followers; cannot delete it directly' },
  { code: 45058, key: 'RESERVED_TAG', kind: 'invalid', zh: '不能修改 0/1/2 这三个系统默认保留的标签', en: 'tags 0/1/2 are reserved' },
  { code: 45059, key: 'USER_HAS_TOO_MANY_TAGS', kind: 'invalid', zh: '有粉丝身上的标签数已经超过限制，即超过 20 个', en: 'a user already has 20 tags' },
  { code: 45065, key: 'CLIENTMSGID_EXISTS', kind: 'invalid', zh: '相同 clientmsgid 已存在群发记录', en: 'mass send with this clientmsgid already exists', errmsg: 'clientmsgid exist' },
  { code: 45066, key: 'CLIENTMSGID_RETRY_TOO_FAST', kind: 'quota', zh: '相同 clientmsgid 重试速度过快，请间隔 1 分钟重试', en: 'same clientmsgid retried too fast; wait 1 minute', errmsg: 'same clientmsgid retry too fast' },
  { code: 45067, key: 'CLIENTMSGID_TOO_LONG', kind: 'invalid', zh: 'clientmsgid 长度超过限制', en: 'clientmsgid too long (max 64 bytes)' },
  { code: 45083, key: 'MASS_SPEED_OUT_OF_RANGE', kind: 'invalid', zh: '设置的 speed 参数不在 0 到 4 的范围内', en: 'mass send speed out of range (0–4)', errmsg: 'the speed out of range' },
  { code: 45084, key: 'MASS_SPEED_MISSING', kind: 'invalid', zh: '没有设置 speed 参数', en: 'mass send speed missing', errmsg: 'No speed message' },
  // Not in the reference's §7.1; seen from draft/add when `author` is too long (field reports).
  { code: 45110, key: 'AUTHOR_SIZE_OUT_OF_LIMIT', kind: 'invalid', zh: '作者字段超过限制', en: 'author size out of limit', errmsg: 'author size out of limit' },
  { code: 45157, key: 'INVALID_TAG_NAME', kind: 'invalid', zh: '标签名非法，请注意不能和其他标签重名', en: 'tag name illegal or duplicate' },
  { code: 45158, key: 'TAG_NAME_TOO_LONG', kind: 'invalid', zh: '标签名长度超过 30 个字节', en: 'tag name too long (max 30 bytes)' },
  { code: 45159, key: 'INVALID_TAG_ID', kind: 'invalid', zh: '非法的 tag_id', en: 'invalid tag id' },

  { code: 46001, key: 'MEDIA_NOT_FOUND', kind: 'invalid', zh: '不存在媒体数据', en: 'media does not exist' },
  { code: 46003, key: 'MENU_NOT_FOUND', kind: 'invalid', zh: '不存在的菜单数据', en: 'menu does not exist' },
  { code: 46004, key: 'USER_NOT_FOUND', kind: 'invalid', zh: '不存在的用户', en: 'user does not exist' },

  { code: 47001, key: 'DATA_FORMAT_ERROR', kind: 'invalid', zh: '解析 JSON/XML 内容错误', en: 'JSON/XML parse error', errmsg: 'data format error' },
  { code: 47003, key: 'ARGUMENT_INVALID', kind: 'invalid', zh: '参数值不符合限制要求', en: 'argument invalid (e.g. template data value)', errmsg: 'argument invalid! data.<key>.value invalid' },

  { code: 48001, key: 'API_UNAUTHORIZED', kind: 'permission', zh: 'api 功能未授权，请确认公众号已获得该接口权限', en: 'API not authorized for this account', errmsg: 'api unauthorized', hint: "This account's type or verification status does not grant this API: check 设置与开发 → 接口权限 (many APIs need a verified service account)." },
  { code: 48002, key: 'USER_BLOCKED_MESSAGES', kind: 'permission', zh: '粉丝拒收消息（粉丝在公众号选项中关闭了“接收消息”）', en: 'user turned off receiving messages' },
  { code: 48004, key: 'API_FORBIDDEN', kind: 'permission', zh: 'api 接口被封禁，请登录公众平台查看详情', en: 'API banned for irregularities', errmsg: 'api forbidden for irregularities', hint: 'This API is banned for the account after a rule violation: see the notice in the 公众平台 console.' },
  { code: 48005, key: 'MATERIAL_IN_USE', kind: 'invalid', zh: 'api 禁止删除被自动回复和自定义菜单引用的素材', en: 'material is used by an auto-reply or the menu' },
  { code: 48006, key: 'CLEAR_QUOTA_LIMIT_REACHED', kind: 'quota', zh: 'api 禁止清零调用次数，因为清零次数达到上限', en: 'clear_quota monthly limit reached', errmsg: 'forbid to clear quota because of reaching the limit' },

  { code: 50001, key: 'USER_UNAUTHORIZED', kind: 'permission', zh: '用户未授权该 api', en: 'user has not authorized this API', errmsg: 'user unauthorized' },
  { code: 50002, key: 'USER_LIMITED', kind: 'permission', zh: '用户受限，可能是违规后接口被封禁', en: 'user limited', errmsg: 'user limited' },

  // Named in the reference's sources (服务端 API 问题定位) next to 48001; third-party platform calls.
  { code: 61007, key: 'API_UNAUTHORIZED_TO_COMPONENT', kind: 'permission', zh: '公众号未授权该 api 给第三方平台', en: 'API not authorized to the third-party platform' },

  // Conditional menus, §6.1.
  { code: 65301, key: 'CONDITIONAL_MENU_NOT_FOUND', kind: 'invalid', zh: '不存在此 menuid 对应的个性化菜单', en: 'no conditional menu with this menuid' },
  { code: 65302, key: 'MENU_USER_NOT_FOUND', kind: 'invalid', zh: '没有相应的用户', en: 'no such user' },
  { code: 65303, key: 'DEFAULT_MENU_MISSING', kind: 'invalid', zh: '没有默认菜单，不能创建个性化菜单', en: 'no default menu; create it before conditional menus', hint: 'Create the default menu (menu.create) before adding conditional menus.' },
  { code: 65304, key: 'EMPTY_MATCHRULE', kind: 'invalid', zh: 'MatchRule 信息为空', en: 'matchrule is empty' },
  { code: 65305, key: 'CONDITIONAL_MENU_LIMIT', kind: 'invalid', zh: '个性化菜单数量受限', en: 'too many conditional menus' },
  { code: 65316, key: 'MENU_URL_DOMAIN_LIMIT', kind: 'invalid', zh: '该公众号的菜单设置了过多的域名外跳（最多跳转到 3 个域名的链接）', en: 'conditional menus link to more than 3 domains' },
  { code: 65320, key: 'MATCHRULE_FIELD_UNSUPPORTED', kind: 'invalid', zh: '个性化菜单匹配规则仅支持 tag_id 和 client_platform_type', en: 'matchrule may only use tag_id and client_platform_type' },

  // 查询 API 调用额度 (openapi/quota/get): its own codes, from that API's page.
  { code: 76003, key: 'CGI_PATH_MALFORMED', kind: 'invalid', zh: 'cgi_path 格式错误（需以 / 开头，不带域名）', en: 'cgi_path must start with "/" and carry no host' },
  { code: 76021, key: 'CGI_PATH_NOT_FOUND', kind: 'invalid', zh: 'cgi_path 填错了', en: 'no API with this cgi_path', errmsg: 'cgi_path not found, please check' },
  { code: 76022, key: 'CGI_PATH_NO_PERMISSION', kind: 'invalid', zh: '当前调用接口使用的 token 与 api 所属账号不符', en: 'this token cannot query this cgi_path (another account type, or an sns/* API)', errmsg: 'could not use this cgi_path,no permission' },
  // Customer-service accounts (客服账号管理, not in the reference: WeChat's servicermanage pages).
  { code: 65401, key: 'INVALID_KF_ACCOUNT', kind: 'invalid', zh: '无效客服帐号', en: 'no such customer-service account' },
  { code: 65403, key: 'INVALID_KF_NICKNAME', kind: 'invalid', zh: '客服昵称不合法', en: 'invalid customer-service nickname (1–16 characters)' },
  { code: 65404, key: 'INVALID_KF_ACCOUNT_NAME', kind: 'invalid', zh: '客服帐号不合法', en: 'invalid customer-service account name (prefix@wechat-id)' },
  { code: 65405, key: 'TOO_MANY_KF_ACCOUNTS', kind: 'invalid', zh: '帐号数目已达到上限，不能继续添加', en: 'customer-service account limit reached' },
  { code: 65406, key: 'KF_ACCOUNT_EXISTS', kind: 'invalid', zh: '已经存在的客服帐号', en: 'customer-service account already exists' },
  { code: 65407, key: 'KF_INVITEE_ALREADY_WORKER', kind: 'invalid', zh: '邀请对象已经是该公众号客服', en: 'the invitee already works for this account' },
  { code: 65408, key: 'KF_INVITEE_ALREADY_INVITED', kind: 'invalid', zh: '本公众号已经有一个邀请给该微信', en: 'this account already invited that WeChat user' },
  { code: 65409, key: 'INVALID_KF_WECHAT_ID', kind: 'invalid', zh: '无效的微信号', en: 'invalid WeChat id' },
  { code: 65410, key: 'KF_INVITEE_BINDING_LIMIT', kind: 'invalid', zh: '邀请对象绑定公众号客服数达到上限（目前每个微信号可以绑定 5 个公众号客服帐号）', en: 'the invitee already works as 5 customer-service accounts' },
  { code: 65411, key: 'KF_INVITE_PENDING', kind: 'invalid', zh: '该帐号已经有一个等待确认的邀请，不能重复邀请', en: 'the customer-service account has a pending invitation' },
  { code: 65412, key: 'KF_ACCOUNT_ALREADY_BOUND', kind: 'invalid', zh: '该帐号已经绑定微信号，不能进行邀请', en: 'the customer-service account is already bound to a WeChat user' },

  // 数据统计 (datacube, not in the reference: WeChat's Analytics pages, from memory; unverified).
  { code: 61500, key: 'DATE_FORMAT_ERROR', kind: 'invalid', zh: '日期格式错误', en: 'date format error (want YYYY-MM-DD)' },
  { code: 61501, key: 'DATE_RANGE_ERROR', kind: 'invalid', zh: '日期范围错误', en: 'date range error (span too long, reversed, or not before today)' },
  // 订阅通知 template library (wxaapi/newtmpl, not in the reference: the subscribe-message pages, from memory; unverified).
  { code: 20001, key: 'SUBSCRIBE_SYSTEM_ERROR', kind: 'invalid', zh: '系统错误（包含该账号下无该模板等）', en: 'system error, including: the account has no such template' },
  { code: 200012, key: 'SUBSCRIBE_TEMPLATE_LIMIT', kind: 'invalid', zh: '个人模板数已达上限', en: 'private subscribe-template limit reached' },
  { code: 200014, key: 'INVALID_SUBSCRIBE_TID', kind: 'invalid', zh: '模版 tid 参数错误', en: 'invalid template tid' },
  { code: 200016, key: 'INVALID_SUBSCRIBE_START', kind: 'invalid', zh: 'start 参数错误', en: 'invalid start' },
  { code: 200017, key: 'INVALID_SUBSCRIBE_LIMIT', kind: 'invalid', zh: 'limit 参数错误', en: 'invalid limit' },
  { code: 200018, key: 'SUBSCRIBE_CATEGORY_IDS_MISSING', kind: 'invalid', zh: '类目 ids 缺失', en: 'category ids missing' },
  { code: 200019, key: 'INVALID_SUBSCRIBE_CATEGORY_IDS', kind: 'invalid', zh: '类目 ids 不合法', en: 'invalid category ids' },
  { code: 200020, key: 'INVALID_SUBSCRIBE_KID_LIST', kind: 'invalid', zh: '关键词列表 kidList 参数错误', en: 'invalid keyword list kidList' },
  { code: 200021, key: 'INVALID_SUBSCRIBE_SCENE_DESC', kind: 'invalid', zh: '场景描述 sceneDesc 参数错误', en: 'invalid sceneDesc' },

  { code: 85005, key: 'MINIPROGRAM_NOT_LINKED', kind: 'config', zh: '小程序未关联该公众号', en: 'mini program in the menu is not linked to the account', errmsg: 'appid not bind weapp', hint: 'Link the mini program to this account first (广告与服务 → 小程序管理).' },

  // Admin confirmation of risky calls (§5.1) and of protected mass sends (§6.5).
  { code: 89501, key: 'IP_CONFIRMATION_PENDING', kind: 'config', zh: '此 IP 正在等待管理员确认，请联系公众号管理员', en: 'this IP awaits administrator confirmation', hint: 'The administrator has not yet confirmed calls from this IP: ask them to approve it in WeChat, and add it to 基本配置 → IP白名单 to avoid this.' },
  { code: 89503, key: 'IP_CONFIRMATION_REQUIRED', kind: 'config', zh: '此 IP 调用需要管理员确认，请联系公众号管理员', en: 'calls from this IP need administrator confirmation', hint: 'The account administrator was asked in WeChat to confirm calls from this IP: they must approve it; add the IP to 基本配置 → IP白名单 so this stops.' },
  { code: 89504, key: 'MASS_SEND_AWAITING_CONFIRMATION', kind: 'permission', zh: '群发正在等待管理员确认，请耐心等待', en: 'protected mass send awaits administrator confirmation' },
  { code: 89505, key: 'MASS_SEND_CONFIRMATION_RETRY_LATER', kind: 'permission', zh: '群发正在等待管理员确认，请稍后重试', en: 'mass send awaits administrator confirmation; retry later' },
  { code: 89506, key: 'IP_REFUSED_24H', kind: 'config', zh: '该 IP 调用请求已被公众号管理员拒绝，请 24 小时后再试', en: 'administrator refused this IP; blocked for 24 h', hint: 'The administrator refused calls from this IP: talk to them, then retry after 24 hours.' },
  { code: 89507, key: 'IP_REFUSED_1H', kind: 'config', zh: '该 IP 调用请求已被公众号管理员拒绝，请 1 小时后再试', en: 'administrator refused this IP; blocked for 1 h', hint: 'The administrator refused calls from this IP: talk to them, then retry after 1 hour.' },

  // WXBizMsgCrypt sample codes (§4.5): reported by local message crypto, never by the HTTP API.
  { code: -40001, key: 'CRYPTO_SIGNATURE_MISMATCH', kind: 'invalid', zh: '签名验证错误', en: 'signature check failed', origin: 'local' },
  { code: -40002, key: 'CRYPTO_PARSE_XML_ERROR', kind: 'invalid', zh: 'xml 解析失败', en: 'XML parse failed', origin: 'local' },
  { code: -40003, key: 'CRYPTO_COMPUTE_SIGNATURE_ERROR', kind: 'invalid', zh: 'sha 加密生成签名失败', en: 'SHA signature computation failed', origin: 'local' },
  { code: -40004, key: 'CRYPTO_ILLEGAL_AES_KEY', kind: 'config', zh: 'EncodingAESKey 非法', en: 'invalid EncodingAESKey', origin: 'local' },
  { code: -40005, key: 'CRYPTO_APPID_MISMATCH', kind: 'config', zh: 'appid 校验错误', en: 'AppID in the envelope does not match', origin: 'local' },
  { code: -40006, key: 'CRYPTO_ENCRYPT_AES_ERROR', kind: 'invalid', zh: 'aes 加密失败', en: 'AES encrypt failed', origin: 'local' },
  { code: -40007, key: 'CRYPTO_DECRYPT_AES_ERROR', kind: 'invalid', zh: 'aes 解密失败', en: 'AES decrypt failed', origin: 'local' },
  { code: -40008, key: 'CRYPTO_ILLEGAL_BUFFER', kind: 'invalid', zh: '解密后得到的 buffer 非法', en: 'invalid decrypted buffer', origin: 'local' },
  { code: -40009, key: 'CRYPTO_ENCODE_BASE64_ERROR', kind: 'invalid', zh: 'base64 加密失败', en: 'base64 encode failed', origin: 'local' },
  { code: -40010, key: 'CRYPTO_DECODE_BASE64_ERROR', kind: 'invalid', zh: 'base64 解密失败', en: 'base64 decode failed', origin: 'local' },
  { code: -40011, key: 'CRYPTO_GEN_RETURN_XML_ERROR', kind: 'invalid', zh: '生成 xml 失败', en: 'building the reply XML failed', origin: 'local' },
] as const satisfies readonly ErrcodeRow[]
