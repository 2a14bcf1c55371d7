/** A user attribute as /api/v1/user-attributes lists it (lib/api/records.ts userAttributeRecord). */
export interface UserAttribute {
  id: string;
  name: string;
  locales: { locale: string; value: string }[];
  includeInSignUpForm: boolean;
  requiredInSignUpForm: boolean;
  includeInIdTokenBody: boolean;
  includeInUserInfo: boolean;
  unique: boolean;
  validationRegex: string;
  validationLocales: { locale: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface LocaleOption {
  code: string;
  name: string;
}
