import { defineErrors } from '@/lib/errors';

export const ScopeErrors = defineErrors({
  scope_not_found: { status: 404, message: 'No scope with this id.' },
  scope_name_taken: { status: 409, message: 'A scope with this name already exists.' },
  built_in_scope: { status: 400, message: 'Built-in scopes cannot be created, renamed or deleted.' },
});
