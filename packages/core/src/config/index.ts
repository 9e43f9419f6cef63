/** The shared configuration schema (stub: being written). */
export {}
