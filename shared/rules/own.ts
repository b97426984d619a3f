/**
 * Own-property lookups for ids and keys that come from clients. State records are plain objects,
 * so `sites["constructor"]` would find `Object.prototype.constructor` and a reducer would treat it
 * as a site; every lookup keyed by client input goes through `own` instead.
 */
const hasOwn = (o: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** `record[key]` when `key` is the record's own property, else undefined (never a prototype member). */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** True when `key` is an own property of `record`. */
export function isOwnKey(record: object, key: string): boolean {
  return hasOwn(record, key);
}
