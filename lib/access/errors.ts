import { defineErrors } from '@/lib/errors';

export const AccessErrors = defineErrors({
  target_outranks_caller: {
    status: 403,
    message: 'This user holds rights the caller lacks: only a caller holding all of them (or root) may act on them.',
  },
  introspection_needs_root: {
    status: 403,
    message: 'Only root may allow or forbid an app to introspect tokens.',
  },
  built_in_app_needs_root: {
    status: 403,
    message: 'Only root may change a built-in app (the admin dashboard’s own client, the demo app).',
  },
});
