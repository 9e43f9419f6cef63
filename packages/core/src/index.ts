/** Placeholder while the package is being built. */
export const PACKAGE = '@wxmp/core'
