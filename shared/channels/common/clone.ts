// Variants must not share objects with the master: a derive result goes into
// its own Yjs document and is edited independently.
export function cloneData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
