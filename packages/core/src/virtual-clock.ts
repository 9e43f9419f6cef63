/** VirtualClock (stub: being written). */
export {}
