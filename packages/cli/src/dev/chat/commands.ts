/**
 * What a line typed in `wxmp chat` means: plain text is a message to the account, a line starting
 * with `/` is a command (`//…` sends text that starts with `/`).
 */

/** One parsed input line. */
export type ChatCommand =
  | { readonly kind: 'text'; readonly content: string }
  | { readonly kind: 'image'; readonly file: string }
  | { readonly kind: 'click'; readonly key: string }
  | { readonly kind: 'view'; readonly url: string }
  | { readonly kind: 'subscribe' }
  | { readonly kind: 'unsubscribe' }
  | { readonly kind: 'scan'; readonly scene: string | number }
  | {
      readonly kind: 'location'
      readonly lat: number
      readonly lng: number
      readonly label: string
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly message: string }

/** The help text `/help` prints, one line per command. */
export const CHAT_HELP: readonly string[] = [
  'type a message and press Enter to send it as the fan; the reply shows below',
  '/image FILE          send a picture (.jpg, .png, .gif, .bmp)',
  '/click KEY           tap a menu button (a URL taps a link button: VIEW)',
  '/subscribe           follow the account again (pushes subscribe)',
  '/unsubscribe         stop following (pushes unsubscribe)',
  '/scan SCENE          scan a parametric QR code of that scene (a number or text)',
  '/location LAT LNG [LABEL]   share a location',
  '//text               send text that starts with "/"',
  '/help                this list',
  '/quit                leave (Ctrl-D too)',
]

/** Parses one line of input. Whitespace around the line is ignored. */
export function parseChatLine(line: string): ChatCommand {
  const trimmed = line.trim()
  if (trimmed === '') return { kind: 'empty' }
  if (trimmed.startsWith('//')) return { kind: 'text', content: trimmed.slice(1) }
  if (!trimmed.startsWith('/')) return { kind: 'text', content: trimmed }
  const [name = '', ...args] = trimmed.slice(1).split(/\s+/)
  const rest = trimmed.slice(1 + name.length).trim()
  switch (name.toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' }
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' }
    case 'subscribe':
      return noArgs(args, { kind: 'subscribe' }, '/subscribe')
    case 'unsubscribe':
      return noArgs(args, { kind: 'unsubscribe' }, '/unsubscribe')
    case 'image':
      // The rest of the line, so a path with spaces needs no quoting.
      return rest === ''
        ? invalid('/image needs a file: /image ./cat.jpg')
        : { kind: 'image', file: rest }
    case 'click':
      if (args.length !== 1) return invalid('/click needs one button key: /click V1001_GOOD')
      return /^https?:\/\//i.test(rest) ? { kind: 'view', url: rest } : { kind: 'click', key: rest }
    case 'scan':
      return scan(args)
    case 'location':
      return location(args)
    default:
      return invalid(`unknown command /${name}; /help lists them (//${name} sends it as text)`)
  }
}

function noArgs(args: readonly string[], command: ChatCommand, usage: string): ChatCommand {
  return args.length === 0 ? command : invalid(`${usage} takes no arguments`)
}

function scan(args: readonly string[]): ChatCommand {
  const [scene] = args
  if (args.length !== 1 || scene === undefined)
    return invalid('/scan needs one scene: /scan 42 or /scan promo_2024')
  if (scene.length > 64) return invalid('/scan: a scene string has at most 64 characters')
  // A scene_id is a positive 32-bit number; anything else is a scene_str.
  const n = Number(scene)
  return /^[1-9]\d{0,9}$/.test(scene) && n <= 0xffffffff
    ? { kind: 'scan', scene: n }
    : { kind: 'scan', scene }
}

function location(args: readonly string[]): ChatCommand {
  const [latText = '', lngText = '', ...label] = args
  const lat = decimal(latText)
  const lng = decimal(lngText)
  if (lat === undefined || lng === undefined)
    return invalid('/location needs a latitude and a longitude: /location 23.13 113.36 广州塔')
  if (Math.abs(lat) > 90) return invalid(`/location: latitude ${latText} is not within ±90`)
  if (Math.abs(lng) > 180) return invalid(`/location: longitude ${lngText} is not within ±180`)
  return { kind: 'location', lat, lng, label: label.join(' ') }
}

function decimal(text: string): number | undefined {
  return /^[-+]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined
}

function invalid(message: string): ChatCommand {
  return { kind: 'invalid', message }
}
