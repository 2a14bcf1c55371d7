/** A SAML identity provider as /api/v1/saml/idps lists it (lib/api/records.ts samlIdpRecord). */
export interface SamlIdp {
  id: string;
  name: string;
  isActive: boolean;
  userIdAttribute: string;
  emailAttribute: string | null;
  firstNameAttribute: string | null;
  lastNameAttribute: string | null;
  metadata: string;
  createdAt: string;
  updatedAt: string;
}
