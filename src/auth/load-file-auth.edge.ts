import { authFileNeedsNode } from './auth-file-needs-node';
import type { loadFileAuth as loadNodeFileAuth } from './load-file-auth';

// The browser and edge build's `load-file-auth` (see docs/architecture.md, "Node-only code
// stays out of the edge build"): there is no auth file to read, only `auth` to pass. It
// imports nothing lazily, so a one-file bundle wraps no module for a deferred start.

export const loadFileAuth: typeof loadNodeFileAuth = async () => {
  throw authFileNeedsNode();
};
