declare const __PACKAGE_VERSION__: string | undefined;

// tsup and vitest replace the identifier at build time; running the sources directly
// (tsx) leaves it undefined.
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';
