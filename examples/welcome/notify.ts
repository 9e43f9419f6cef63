/**
 * A template-message notification (模板消息, §6.7): 订单发货提醒 sent through the SDK. Templates
 * are picked in the console (or with `template.add`) and each account gets its own template_id,
 * so the id is looked up by title once and then remembered.
 */
import type { Client } from '@wxmp/sdk'

/** The template's title in 模板消息 → 我的模板. */
export const SHIPPED_TITLE = '订单发货提醒'

/** The shipment a fan is told about. */
export interface Shipment {
  readonly orderId: string
  readonly carrier: string
  readonly trackingNo: string
  /** When it left, as the fan should read it, e.g. `2026年3月1日 16:00`. */
  readonly shippedAt: string
}

const templateIds = new WeakMap<Client, Promise<string>>()

/** The account's template_id of 订单发货提醒 (looked up once per client). */
export function shippedTemplateId(client: Client): Promise<string> {
  let id = templateIds.get(client)
  if (id === undefined) {
    id = client.template.list().then(({ template_list }) => {
      const found = template_list.find((t) => t.title === SHIPPED_TITLE)
      if (found === undefined)
        throw new Error(`add the template ${SHIPPED_TITLE} in 模板消息 → 模板库 first`)
      return found.template_id
    })
    // A failed lookup is not remembered, so fixing the console is enough.
    id.catch(() => templateIds.delete(client))
    templateIds.set(client, id)
  }
  return id
}

/** Sends 订单发货提醒 to `openid`; resolves to WeChat's msgid. */
export async function notifyShipped(
  client: Client,
  openid: string,
  shipment: Shipment,
): Promise<string> {
  const sent = await client.template.send({
    touser: openid,
    template_id: await shippedTemplateId(client),
    data: {
      character_string1: { value: shipment.orderId },
      thing2: { value: shipment.carrier },
      character_string3: { value: shipment.trackingNo },
      time4: { value: shipment.shippedAt },
    },
    // The same id on a retry makes WeChat drop the duplicate.
    client_msg_id: `shipped-${shipment.orderId}`,
  })
  return String(sent.msgid)
}
