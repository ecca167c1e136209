/**
 * Ids as clients send them. Entities without a natural key (people, groups) have a UUID, and their
 * Relay global `id` wraps it (`base64("<Type>:<uuid>")`, Pothos's default encoding). Every argument
 * that names such an entity takes either form, so a client can pass back whichever id it holds.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/**
 * The UUID behind an id: the id itself when it is a UUID, the UUID inside a Relay global ID whose
 * type passes `acceptType`, otherwise null.
 */
export function uuidOf(id: string, acceptType: (typeName: string) => boolean = () => true): string | null {
  if (isUuid(id)) return id;
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  const [typeName, raw] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return acceptType(typeName) && isUuid(raw) ? raw : null;
}
