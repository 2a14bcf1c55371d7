import { apiGet, getAccessToken } from './tessera';

// Lists every user, page by page: tab-separated lines on stdout, the progress on stderr.
//   TESSERA_ISSUER=… TESSERA_CLIENT_ID=… TESSERA_CLIENT_SECRET=… npx tsx list-users.ts > users.tsv

interface UsersPage {
  users: { authId: string; email: string | null; firstName: string | null; lastName: string | null; isActive: boolean; createdAt: string }[];
  count: number;
}

const pageSize = Number(process.env.PAGE_SIZE ?? 50);
const accessToken = await getAccessToken();

let listed = 0;
for (let pageNumber = 1; ; pageNumber++) {
  // sorted by creation: a user created while we page shows up on the last page, not twice
  const query = new URLSearchParams({ page_size: String(pageSize), page_number: String(pageNumber), sort_by: 'createdAt', sort_order: 'asc' });
  const { users, count } = await apiGet<UsersPage>(`/api/v1/users?${query}`, accessToken);
  for (const user of users) {
    console.log([user.authId, user.email ?? '', [user.firstName, user.lastName].filter(Boolean).join(' '), user.isActive ? 'active' : 'inactive'].join('\t'));
  }
  listed += users.length;
  console.error(`page ${pageNumber}: ${listed} of ${count} users`);
  if (users.length < pageSize || listed >= count) break;
}
