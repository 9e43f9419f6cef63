/** The picture `showqrcode` answers: a ticket's URL as a QR code, drawn as a grayscale JPEG. */
import { encodeJpeg } from './jpeg.js'
import type { GrayImage } from './jpeg.js'
import { encodeQr } from './qr-encode.js'
import type { QrMatrix } from './qr-encode.js'

/** Pixels per module: one 8×8 JPEG block each, so every block is flat and survives quantization. */
export const MODULE_PIXELS = 8

/** Light modules around the symbol, as the standard asks. */
export const QUIET_ZONE = 4

/** The matrix drawn as pixels: black modules on white, with the quiet zone. */
export function rasterize(matrix: QrMatrix): GrayImage {
  const modules = matrix.size + 2 * QUIET_ZONE
  const side = modules * MODULE_PIXELS
  const pixels = new Uint8Array(side * side).fill(255)
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.dark(x, y)) continue
      const left = (x + QUIET_ZONE) * MODULE_PIXELS
      const top = (y + QUIET_ZONE) * MODULE_PIXELS
      for (let dy = 0; dy < MODULE_PIXELS; dy++)
        pixels.fill(0, (top + dy) * side + left, (top + dy) * side + left + MODULE_PIXELS)
    }
  }
  return { width: side, height: side, pixels }
}

/** A JPEG of the QR code holding `text`. */
export function qrJpeg(text: string): Uint8Array {
  return encodeJpeg(rasterize(encodeQr(text)))
}
