import type { createFileAuth as createNodeFileAuth } from './create-file-auth';
import { authFileNeedsNode } from './auth-file-needs-node';

// The browser and edge build's `create-file-auth` (see docs/architecture.md, "Node-only code
// stays out of the edge build"): there is no auth file to read, only `auth` to pass.

export const createFileAuth: typeof createNodeFileAuth = async () => {
  throw authFileNeedsNode();
};
