'use client';

import type { ButtonVariant } from '@/components/ui/Button';
import { PolicyActionButton } from './PolicyActionButton';

export interface LeavePolicyButtonProps {
  requestId: string;
  label: string;
  variant?: ButtonVariant;
  fullWidth?: boolean;
}

/** "Back to the app" / "Done": ends the policy page without (further) changes (POST …/policy/leave). */
export function LeavePolicyButton({ requestId, label, variant = 'secondary', fullWidth = true }: LeavePolicyButtonProps) {
  return (
    <PolicyActionButton
      requestId={requestId}
      action="/identity/v1/policy/leave"
      label={label}
      variant={variant}
      size="lg"
      fullWidth={fullWidth}
      data-testid="leave-policy"
    />
  );
}
