'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { ScrollRegion } from '@/components/ui/ScrollRegion';
import { toast } from '@/components/ui/toast';
import { chunkImportRows, parseImportFile, type ImportChunk, type ImportFileIssue, type ImportRow } from '@/lib/users/import-file';
import { useApiMutation } from '../query';
import { USERS_PATH, type ImportResult } from './types';

type FileState = { rows: ImportRow[]; name: string } | { error: string } | null;

/**
 * Import users from a file (NDJSON as the export writes it, a JSON array or CSV): every line is
 * checked in the browser first, then POST /api/v1/users/import in requests of at most 4 MiB each
 * (Vercel refuses larger bodies), one after the other; the answers are shown per row of the file.
 */
export function ImportUsersDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('adminUsers.import');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('title')} description={t('description')} closeLabel={tCommon('close')} className="sm:max-w-2xl">
      {open ? <ImportForm /> : null}
    </Dialog>
  );
}

function ImportForm() {
  const t = useTranslations('adminUsers.import');
  const tCommon = useTranslations('admin.common');
  const fileId = useId();
  const hintId = useId();
  const [file, setFile] = useState<FileState>(null);
  const [results, setResults] = useState<ImportResult[] | null>(null);

  const issueText = (issues: ImportFileIssue[]) =>
    issues
      .slice(0, 5)
      .map((issue) => t(`issues.${issue.reason}`, { line: issue.line }))
      .join(' ');

  const onFile = async (selected: File | undefined) => {
    setResults(null);
    if (!selected) return setFile(null);
    const parsed = parseImportFile(await selected.text());
    if (parsed.ok) setFile({ rows: parsed.rows, name: selected.name });
    else if (parsed.error === 'invalid_lines') setFile({ error: t('invalidLines', { count: parsed.issues.length, lines: issueText(parsed.issues) }) });
    else setFile({ error: t(parsed.error) });
  };

  const run = useApiMutation<{ results: ImportResult[] }, ImportChunk>({
    request: (chunk) => ({ path: `${USERS_PATH}/import`, method: 'POST', body: { users: chunk.rows } }),
    invalidates: [USERS_PATH],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !('rows' in file)) return;
    const all: ImportResult[] = [];
    for (const chunk of chunkImportRows(file.rows)) {
      // a refused request is reported by the mutation's error toast; the rows before it stay imported
      const data = await run.mutateAsync(chunk).catch(() => null);
      if (!data) break;
      all.push(...data.results.map((result) => ({ ...result, index: result.index + chunk.offset })));
    }
    if (!all.length) return;
    setResults(all);
    toast.success(t('done', { created: all.filter((result) => result.status === 'created').length }));
  };

  const counts = results && {
    created: results.filter((result) => result.status === 'created').length,
    skipped: results.filter((result) => result.status === 'skipped').length,
    error: results.filter((result) => result.status === 'error').length,
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fileId} className="text-sm font-medium text-surface-foreground">
          {t('file')}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".ndjson,.jsonl,.json,.csv,application/x-ndjson,application/json,text/csv"
          aria-describedby={hintId}
          onChange={(event) => void onFile(event.target.files?.[0])}
          className="text-sm file:me-3 file:rounded-control file:border file:border-input file:bg-secondary file:px-3 file:py-1.5 file:text-sm file:text-secondary-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        />
        <p id={hintId} className="text-sm text-muted-foreground">
          {t('fileHint')}
        </p>
      </div>
      {file && 'error' in file ? <Alert variant="error">{file.error}</Alert> : null}
      {file && 'rows' in file && !results ? (
        <p role="status" className="text-sm">
          {t('ready', { count: file.rows.length, name: file.name })}
        </p>
      ) : null}
      {results && counts ? (
        <div className="flex flex-col gap-2">
          <p role="status" className="text-sm font-medium">
            {t('summary', counts)}
          </p>
          <ScrollRegion label={t('results')} className="max-h-64 overflow-auto rounded-control border border-border">
            <table className="w-full text-sm">
              <caption className="sr-only">{t('results')}</caption>
              <thead className="bg-muted text-start">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start font-medium">
                    {t('row')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start font-medium">
                    {t('email')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start font-medium">
                    {t('result')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.map((result) => (
                  <tr key={result.index} className="border-t border-border" data-testid="import-result">
                    <td className="px-3 py-2">{result.index + 1}</td>
                    <th scope="row" className="px-3 py-2 text-start font-normal">
                      {result.authId ? (
                        <Link href={`/admin/users/${result.authId}`} className="underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-ring">
                          {result.email}
                        </Link>
                      ) : (
                        result.email
                      )}
                    </th>
                    <td className="px-3 py-2">
                      <Badge variant={result.status === 'created' ? 'success' : result.status === 'skipped' ? 'warning' : 'danger'}>{t(`status.${result.status}`)}</Badge>
                      {result.error ? <span className="ms-2 text-muted-foreground">{result.error}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      ) : null}
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{results ? tCommon('close') : tCommon('cancel')}</Button>
        </DialogClose>
        {results ? null : (
          <Button type="submit" disabled={!file || !('rows' in file)} loading={run.isPending} loadingLabel={tCommon('loading')}>
            {t('submit')}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}
