/**
 * The API endpoint table: one declarative entry per WeChat endpoint (route, host, auth, zod
 * schemas, idempotency, errcodes, doc), and the types and lookups derived from it. The
 * declaration helpers (`endpoint`, `defineScope`, `multipart`, …) stay internal: an endpoint is
 * added to the table, never declared by a consumer (`client.request` covers the rest).
 */
export type {
  AuthKind,
  BodySpec,
  Endpoint,
  EndpointBase,
  EndpointDefinition,
  EndpointSpec,
  Host,
  HttpMethod,
  Quota,
  Route,
  Scoped,
} from './define.js'
export { fileLimitFor, isMultipart } from './multipart.js'
export type { FileLimit, FilePart, Multipart, UploadFile } from './multipart.js'
export { responseKind, jsonSchemaOf } from './responses.js'
export type {
  BinaryOrJsonResponse,
  BinaryResponse,
  DownloadedFile,
  RedirectResponse,
  ResponseKind,
  ResponseSpec,
} from './responses.js'
export { ID64_FIELDS, id64, id64In, quoteId64 } from './id64.js'
export { errorBody } from './schemas.js'
export { TEMPORARY_MEDIA_TTL_SECONDS } from './media.js'
export {
  MENU_ARTICLE_TYPES,
  MENU_KEY_TYPES,
  MENU_LIMITS,
  MENU_MEDIA_TYPES,
  MENU_URL_TYPES,
  QR_LIMITS,
  REMARK_LIMITS,
} from './limits.js'
export { MATCH_RULE_FIELDS } from './menu-schemas.js'
export { DATACUBE_MAX_SPAN_DAYS } from './datacube.js'
export { SHORT_LINK_MAX_DATA_BYTES, SHORT_LINK_MAX_EXPIRE_SECONDS } from './short-link.js'
export { endpoints, allEndpoints, scopes } from './table.js'
export { API_DOC_PATH, renderApiDoc } from './api-doc.js'
export type { EndpointId, EndpointOf, Endpoints } from './table.js'
export type {
  AccountKey,
  NoParams,
  RequestArgs,
  RequestOf,
  ResponseOf,
  ResponseValue,
  WireRequestOf,
} from './types.js'
export {
  HOST_NAMES,
  docUrl,
  endpointById,
  isEndpointId,
  matchEndpoint,
  matchesAllow,
} from './lookup.js'
