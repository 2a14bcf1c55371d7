import { defineErrors } from '@/lib/errors';

// Codes the hosted pages translate (messages: passkeys.errors.<code>, recoveryCodes.errors.<code>).
export const PasskeyErrors = defineErrors({
  passkeys_disabled: { status: 403, message: 'Passkeys are not enabled on this server.' },
  passkey_invalid: { status: 400, message: 'The passkey could not be verified.' },
  passkey_exists: { status: 409, message: 'This passkey is already registered.' },
  passkey_not_found: { status: 404, message: 'No passkey with this id.' },
  recovery_codes_disabled: { status: 403, message: 'Recovery codes are not enabled on this server.' },
  invalid_recovery_code: { status: 401, message: 'The email or recovery code is incorrect.' },
});
