import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** Melody's paging parameters. Without page_size a list returns everything up to the cap. */
export const paginationQuery = z.object({
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe(`Rows per page (1–${MAX_PAGE_SIZE})`),
  page_number: z.coerce.number().int().min(1).max(1_000_000).optional().describe('1-based page number'),
});

export function pageWindow(query: { page_size?: number; page_number?: number }) {
  const take = query.page_size ?? MAX_PAGE_SIZE;
  return { take, skip: ((query.page_number ?? 1) - 1) * take };
}
