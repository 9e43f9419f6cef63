/** The wxmp command line. */
export { main } from './main.js'
