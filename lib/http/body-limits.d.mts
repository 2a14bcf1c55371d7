export declare const KIB: number;
export declare const MIB: number;
export declare const BODY_LIMITS: ReadonlyArray<readonly [prefix: string, limit: number]>;
export declare const DEFAULT_BODY_LIMIT: number;
export declare function bodyLimitFor(pathname: string): number;
