/** @wxmp/core/testing: support for the tests of wxmp's packages (not for production code). */
export { startTestRedis, type TestRedis } from './redis-server.js'
