/** The errcode table (stub: being written). */
export {}
