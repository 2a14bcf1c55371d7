import type { NextConfig } from 'next';

// bench/run.mjs copies this app to a temporary directory and builds it there.
// BENCH_BASELINE_ROOT: the directory whose node_modules the copy uses (Turbopack's root must contain it).
const nextConfig: NextConfig = {
  poweredByHeader: false,
  ...(process.env.BENCH_BASELINE_ROOT ? { turbopack: { root: process.env.BENCH_BASELINE_ROOT } } : {}),
};

export default nextConfig;
