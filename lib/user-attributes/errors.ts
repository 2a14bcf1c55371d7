import { defineErrors } from '@/lib/errors';

export const UserAttributeErrors = defineErrors({
  feature_disabled: { status: 400, message: 'User attributes are disabled (ENABLE_USER_ATTRIBUTE=false).' },
  user_attribute_not_found: { status: 404, message: 'No user attribute with this id.' },
  user_attribute_name_taken: { status: 409, message: 'Another user attribute has this name.' },
  user_attribute_values_not_unique: { status: 409, message: 'Users already share values of this attribute: it cannot be made unique.' },
  validation_regex_unsupported: { status: 400, message: 'The linear-time (RE2) engine cannot run this validation pattern (backreferences and lookarounds are not supported).' },
  invalid_attribute_values: { status: 400, message: 'Some attribute values are invalid (see fields).' },
});
