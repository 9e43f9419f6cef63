/** Operations (§6.0, §6.13): WeChat's IP lists, the network check and the call quota. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, ok, okWith, uint } from './schemas.js'

const ipList = data({ ip_list: z.array(z.string()) })

/** The ops scope. */
export const ops = defineScope('ops', {
  /** 获取微信推送服务器 IP 地址: the addresses (and CIDRs) WeChat pushes from. */
  getCallbackIp: endpoint('GET /cgi-bin/getcallbackip', {
    title: '获取微信推送服务器IP地址',
    doc: 'Basic_Information/Get_the_WeChat_server_IP_address',
    ref: '§6.13',
    idempotent: true,
    response: ipList,
  }),
  /** 获取微信 API 服务器 IP: the addresses of api.weixin.qq.com, for outbound firewall rules. */
  getApiDomainIp: endpoint('GET /cgi-bin/get_api_domain_ip', {
    title: '获取微信API服务器IP',
    doc: 'Basic_Information/Get_the_WeChat_server_IP_address',
    ref: '§6.13',
    idempotent: true,
    response: ipList,
  }),
  /**
   * 网络检测: WeChat resolves and pings the account's callback URL. Value types (loss `"0%"`,
   * time `"28.000ms"`) follow the official page's example; the reference lists field names only.
   */
  checkCallback: endpoint('POST /cgi-bin/callback/check', {
    title: '网络检测',
    doc: 'Basic_Information/Network_Detection',
    ref: '§6.0',
    idempotent: true,
    body: z.object({
      action: z.enum(['all', 'dns', 'ping']),
      check_operator: z.enum(['DEFAULT', 'CHINANET', 'UNICOM', 'CAP']),
    }),
    response: data({
      dns: z.array(z.object({ ip: z.string(), real_operator: z.string() })).optional(),
      ping: z
        .array(
          z.object({
            ip: z.string(),
            from_operator: z.string(),
            package_loss: z.string(),
            time: z.string(),
          }),
        )
        .optional(),
    }),
  }),
  /**
   * 重置 API 调用次数: resets every call counter of the account. Not idempotent: each call spends
   * one of the 10 monthly resets (shared with the console).
   */
  clearQuota: endpoint('POST /cgi-bin/clear_quota', {
    title: '重置API调用次数',
    doc: 'openApi/clear_quota',
    ref: '§6.13',
    idempotent: false,
    body: z.object({ appid: z.string() }),
    response: ok,
    errcodes: [ERRCODE.CLEAR_QUOTA_LIMIT_REACHED],
    quota: { perMonth: 10 },
  }),
  /**
   * 查询 API 调用额度: today's limit and use of one API, named by `cgi_path` (`/cgi-bin/…`, no
   * host). 76021: no such cgi_path; 76022: an `sns/*` path (or another account's); 76003: a path
   * of the wrong form.
   */
  getQuota: endpoint('POST /cgi-bin/openapi/quota/get', {
    title: '查询API调用额度',
    doc: '/doc/oplatform/Third-party_Platforms/2.0/api/openApi/get_api_quota.html',
    unverified: {
      source:
        'WeChat doc 查询openApi调用quota (developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/openApi/get_api_quota.html; same shape on doc/service/api/apimanage/api_getapiquota): body {cgi_path}, response {errcode, errmsg, quota:{daily_limit, used, remain}}. Newer pages also mention rate limits; not modelled.',
    },
    idempotent: true,
    body: z.object({ cgi_path: z.string() }),
    errcodes: [ERRCODE.CGI_PATH_NOT_FOUND, ERRCODE.CGI_PATH_NO_PERMISSION],
    response: okWith({ quota: z.object({ daily_limit: uint, used: uint, remain: uint }) }),
  }),
})
