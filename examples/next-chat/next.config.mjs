/** @type {import('next').NextConfig} */
export default {
  // the provider is linked from the repository root (file:../..)
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
};
