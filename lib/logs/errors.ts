import { defineErrors } from '@/lib/errors';

export const LogErrors = defineErrors({
  log_not_found: { status: 404, message: 'No log entry with this id.' },
});
