import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { apiErrorResponse } from '@/lib/http/errors';
import { AppError, CommonErrors } from '@/lib/errors';
import {
  changeEmailCodeInput,
  changeEmailInput,
  changePassword,
  changePasswordInput,
  confirmChangeEmail,
  sendChangeEmailCode,
  updateInfo,
  updateInfoInput,
} from '@/lib/identity/policies/account';
import { deleteAccount, deleteAccountInput } from '@/lib/identity/policies/delete-account';
import { leavePolicy } from '@/lib/identity/policies/leave';
import { chooseChangeOrg, chooseOrgInput } from '@/lib/identity/policies/orgs';
import { revokeOtherSessions, revokeSession, revokeSessionInput } from '@/lib/identity/policies/sessions';
import { addPasskey, deletePasskeyInput, enrollPasskeyInput, removePasskey, renamePasskey, renamePasskeyInput } from '@/lib/passkeys/flow';
import { resetMfa } from '@/lib/mfa/reset';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

const empty = z.object({});

/** POST /identity/v1/policy/<action>: the policy pages' actions (lib/identity/policies). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ action: string }> }) {
  const { action } = await params;
  switch (action) {
    case 'update-info':
      return runFlowAction(request, updateInfoInput, updateInfo);
    case 'change-password':
      return runFlowAction(request, changePasswordInput, changePassword);
    case 'change-email-code':
      return runFlowAction(request, changeEmailCodeInput, sendChangeEmailCode);
    case 'change-email':
      return runFlowAction(request, changeEmailInput, confirmChangeEmail);
    case 'change-org':
      return runFlowAction(request, chooseOrgInput, chooseChangeOrg);
    case 'delete-account':
      return runFlowAction(request, deleteAccountInput, deleteAccount);
    case 'revoke-session':
      return runFlowAction(request, revokeSessionInput, revokeSession);
    case 'revoke-other-sessions':
      return runFlowAction(request, empty, (context) => revokeOtherSessions(context));
    case 'reset-mfa':
      return runFlowAction(request, empty, (context) => resetMfa(context));
    case 'add-passkey':
      return runFlowAction(request, enrollPasskeyInput, addPasskey);
    case 'rename-passkey':
      return runFlowAction(request, renamePasskeyInput, renamePasskey);
    case 'delete-passkey':
      return runFlowAction(request, deletePasskeyInput, removePasskey);
    case 'leave':
      return runFlowAction(request, empty, (context) => leavePolicy(context));
    default:
      return apiErrorResponse(new AppError(CommonErrors.not_found));
  }
}
