// Types of bench/sign-in-js-budget.mjs for e2e/budget.spec.ts (tsconfig has allowJs off).
import type { Page } from '@playwright/test';

export declare const SIGN_IN_ROUTE: string;
export declare const SIGN_IN_JS_BUDGET_BYTES: number;

export interface ScriptLoad {
  path: string;
  rawBytes: number;
  gzipBytes: number;
  transferredBytes: number;
  contentEncoding: string;
}

export interface BrowserFirstLoad {
  documentUrl: string;
  html: string;
  scripts: ScriptLoad[];
  scriptCount: number;
  rawBytes: number;
  gzipBytes: number;
  transferredBytes: number;
  inlineScriptGzipBytes: number;
  requestsAfterLoad: string[];
}

export interface BuildFirstLoad {
  route: string;
  chunks: { chunk: string; rawBytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
}

export declare function buildFirstLoad(root: string, route?: string): BuildFirstLoad | null;
export declare function browserFirstLoad(page: Page, url: string): Promise<BrowserFirstLoad>;
