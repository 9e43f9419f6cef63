/** Ending a handler early with a non-JSON answer (an error page, an HTTP 404). */
import type { HttpAnswer } from '../http-answer.js'

/**
 * Stops the handler (a precheck has no return value) and makes the pipeline send `answer` as it
 * is: `dispatch` catches a thrown `HttpAnswer` and answers it unchanged.
 */
export function answerNow(answer: HttpAnswer): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the pipeline's contract, see above
  throw answer
}
