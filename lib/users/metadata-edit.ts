/**
 * The dashboard's metadata editor shows the whole object, but PUT /api/v1/users/{authId} merges
 * `metadata` shallowly into what is stored (a null value deletes its key). These pure helpers turn
 * the edited object into that patch, so a key removed in the editor is removed on the server.
 */

export type ParsedMetadata = { ok: true; value: Record<string, unknown> } | { ok: false; error: 'invalid_json' | 'not_object' | 'empty_key' };

export function parseMetadataObject(text: string): ParsedMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || '{}');
  } catch {
    return { ok: false, error: 'invalid_json' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'not_object' };
  if (Object.keys(value).some((key) => !key)) return { ok: false, error: 'empty_key' };
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The patch that turns `current` into `next`: changed and new keys with their values, removed keys
 * as null. A top-level null in `next` would delete its key on the server either way.
 */
export function metadataPatch(current: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(current)) if (!(key in next)) patch[key] = null;
  for (const [key, value] of Object.entries(next)) if (JSON.stringify(current[key]) !== JSON.stringify(value)) patch[key] = value;
  return patch;
}
