/** Paths the infrastructure code reads from: the repository root (entries, lock file) and its node_modules (layers). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
