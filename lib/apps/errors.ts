import { defineErrors } from '@/lib/errors';

export const AppErrors = defineErrors({
  app_not_found: { status: 404, message: 'No app with this id.' },
  invalid_redirect_uri: { status: 400, message: 'A redirect URI is invalid.' },
  unknown_scope: { status: 400, message: 'A scope does not exist.' },
  scope_type_mismatch: { status: 400, message: 'A scope does not fit this app type.' },
  scope_not_held: {
    status: 403,
    message: 'Only a caller holding an API scope can give it to an app, take it away, or manage an app that holds it (root needs root).',
  },
  built_in_app: {
    status: 400,
    message: 'Built-in apps cannot be deleted or deactivated, and their scopes and redirect URIs are managed by the server.',
  },
  app_has_no_secret: { status: 400, message: 'Only S2S apps have a client secret.' },
});
