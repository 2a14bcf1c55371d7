import { timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { AppError, CommonErrors, defineErrors } from '@/lib/errors';
import { metrics } from './metrics';

export const MetricsErrors = defineErrors({
  unauthorized: { status: 401, message: 'A valid METRICS_TOKEN bearer token is required.' },
});

/** The Prometheus text of this process's registry, for the holder of METRICS_TOKEN. */
export async function scrapeMetrics(authorization: string | null): Promise<{ body: string; contentType: string }> {
  const expected = config().metricsToken;
  if (!expected) throw new AppError(CommonErrors.not_found);
  const given = Buffer.from(/^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '');
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new AppError(MetricsErrors.unauthorized);
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
