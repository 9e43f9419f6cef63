/**
 * The emulator's optional SQLite snapshot: `createEmulator({ snapshotFile })` starts from the
 * file and keeps it up to date; `saveSnapshot` / `loadSnapshot` do one save or one read.
 */
import type { Emulator } from '../emulator.js'
import type { EmulatorSnapshot } from './format.js'
import { SnapshotError } from './format.js'
import { SnapshotFile } from './sqlite-file.js'

export { SNAPSHOT_VERSION, STATE_PARTS, STREAM_NAMES, SnapshotError } from './format.js'
export type { EmulatorSnapshot, StateSnapshot, StreamName } from './format.js'
export { SNAPSHOT_SAVE_DELAY_MS, SnapshotSaver } from './persistence.js'
export type { RestoreReport, SnapshotPersistence } from './persistence.js'
export { SnapshotFile } from './sqlite-file.js'
export { restoreState, snapshotState } from './state-snapshot.js'
export type { KeepAccount } from './keep-account.js'

/** Saves `emulator`'s state to `file` now (created if missing), in one transaction. */
export function saveSnapshot(emulator: Emulator, file: string): void {
  const target = new SnapshotFile(file)
  try {
    target.write(emulator.snapshot())
  } finally {
    target.close()
  }
}

/**
 * The snapshot saved in `file`, for `createEmulator({ restore })` or for a look inside. Throws a
 * `SnapshotError` when the file is missing, holds no snapshot, is corrupt or is newer.
 */
export function loadSnapshot(file: string): EmulatorSnapshot {
  const source = new SnapshotFile(file, { mustExist: true })
  try {
    const snapshot = source.read()
    if (snapshot === undefined) throw new SnapshotError(`${file} holds no emulator snapshot yet`)
    return snapshot
  } finally {
    source.close()
  }
}
