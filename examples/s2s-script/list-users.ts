import { apiGet as apiGetWithKey } from './api-key';

// Lists every user, page by page: tab-separated lines on stdout, the progress on stderr.
//   TESSERA_ISSUER=… TESSERA_CLIENT_ID=… TESSERA_CLIENT_SECRET=… npx tsx list-users.ts > users.tsv
//   TESSERA_ISSUER=… TESSERA_API_KEY=tsk_… npx tsx list-users.ts > users.tsv

interface UsersPage {
  users: { authId: string; email: string | null; firstName: string | null; lastName: string | null; isActive: boolean; createdAt: string }[];
  count: number;
}

type Get = <T>(path: string) => Promise<T>;

/** GETs with the API key when TESSERA_API_KEY is set, else with a client-credentials token. */
async function apiClient(): Promise<Get> {
  if (process.env.TESSERA_API_KEY) return apiGetWithKey;
  // loaded only without a key: it discovers the issuer for the client-credentials grant
  const { apiGet, getAccessToken } = await import('./tessera');
  const accessToken = await getAccessToken();
  return (path) => apiGet(path, accessToken);
}

const pageSize = Number(process.env.PAGE_SIZE ?? 50);
const get = await apiClient();

let listed = 0;
for (let pageNumber = 1; ; pageNumber++) {
  // sorted by creation: a user created while we page shows up on the last page, not twice
  const query = new URLSearchParams({ page_size: String(pageSize), page_number: String(pageNumber), sort_by: 'createdAt', sort_order: 'asc' });
  const { users, count } = await get<UsersPage>(`/api/v1/users?${query}`);
  for (const user of users) {
    console.log([user.authId, user.email ?? '', [user.firstName, user.lastName].filter(Boolean).join(' '), user.isActive ? 'active' : 'inactive'].join('\t'));
  }
  listed += users.length;
  console.error(`page ${pageNumber}: ${listed} of ${count} users`);
  if (users.length < pageSize || listed >= count) break;
}
