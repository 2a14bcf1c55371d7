import { defineErrors } from '@/lib/errors';

/** The machine's own refusals, the same on both surfaces. */
export const FlowErrors = defineErrors({
  wrong_step: { status: 409, message: 'This step is not available for the sign-in request right now.' },
  // Hosted pages (the codes of the authorize error pages, which the auth-code-expired page keys on).
  request_not_found: { status: 404, message: 'This sign-in request does not exist or belongs to another browser.' },
  request_expired: { status: 410, message: 'This sign-in request has expired. Start again from the application.' },
  // Embedded Auth API.
  session_not_found: { status: 404, message: 'No sign-in session has this id.' },
  session_expired: { status: 410, message: 'This sign-in session has expired. Initiate a new one.' },
  invalid_client: { status: 400, message: 'Unknown or inactive client.' },
});
