// Time-window filters: a datetime-local field shows the admin's local time, the URL and the API
// hold the ISO instant.

/** A datetime-local input's value (the admin's local time) for an ISO instant, or '' if it is not one. */
export function toLocalInput(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The ISO instant of a datetime-local value (read in the admin's local time), or '' for none. */
export function fromLocalInput(value: string): string {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
