/** Shared by the media and material handlers: the uploaded file as the pipeline received it. */
import type { UploadFile } from '@wxmp/spec'
import type { MediaFile, MediaType } from '../media-store.js'

/**
 * The `media` part as a storable file. The pipeline always hands bytes (`Uint8Array`); a `Blob`
 * only appears in the SDK's request type, for callers.
 */
export function receivedFile(type: MediaType, file: UploadFile): MediaFile {
  if (!(file.data instanceof Uint8Array)) throw new Error('upload: expected the received bytes')
  return {
    type,
    bytes: file.data,
    contentType: file.contentType ?? 'application/octet-stream',
    filename: file.filename,
  }
}
