export const LOG_TYPES = ['email', 'sms', 'sign-in'] as const;
export type LogType = (typeof LOG_TYPES)[number];

export interface EmailLog {
  id: string;
  receiver: string;
  subject: string;
  content: string;
  response: string;
  success: boolean;
  createdAt: string;
}

export interface SmsLog {
  id: string;
  receiver: string;
  content: string;
  response: string;
  success: boolean;
  createdAt: string;
}

export interface SignInLog {
  id: string;
  userId: string | null;
  appId: string | null;
  email: string | null;
  method: string;
  success: boolean;
  reason: string;
  ip: string;
  userAgent: string;
  detail: string;
  createdAt: string;
}

export type AnyLog = EmailLog | SmsLog | SignInLog;
