// The attribute claims of a user: `{ <attribute name>: value }` for the attributes flagged for a
// destination, as Melody puts them in the ID token's and userinfo's `attributes` object. Values of
// unflagged attributes never leave through these claims. With ENABLE_USER_ATTRIBUTE off there are
// no attribute claims at all (undefined: the claim is left out).
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export type AttributeClaimDestination = 'idToken' | 'userInfo';

const FLAG = { idToken: 'includeInIdTokenBody', userInfo: 'includeInUserInfo' } as const;

export async function attributeClaimsOf(userId: string, destination: AttributeClaimDestination): Promise<Record<string, string> | undefined> {
  if (!config().enableUserAttribute) return undefined;
  const rows = await db.userAttributeValue.findMany({
    where: { userId, userAttribute: { [FLAG[destination]]: true } },
    select: { value: true, userAttribute: { select: { name: true } } },
    orderBy: { userAttribute: { name: 'asc' } },
  });
  const claims: Record<string, string> = {};
  // defineProperty: an attribute named __proto__ is a key like any other, never the prototype.
  for (const row of rows) Object.defineProperty(claims, row.userAttribute.name, { value: row.value, enumerable: true, writable: true, configurable: true });
  return claims;
}
