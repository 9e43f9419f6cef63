/**
 * Which accounts a restore keeps. Accounts come from the configuration at start: a snapshot's
 * data for an AppID that is no longer configured is dropped, store by store.
 */

/** Whether the (any-case) AppID is configured now; each store's `restore` asks it. */
export type KeepAccount = (appid: string) => boolean
