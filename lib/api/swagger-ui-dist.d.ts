// swagger-ui-dist ships no type declarations; this is the one function we use.
declare module 'swagger-ui-dist' {
  /** Absolute path of the package's directory of static Swagger UI files. */
  export function getAbsoluteFSPath(): string;
}
