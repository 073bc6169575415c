import { createRequire } from "node:module";
import path from "node:path";

/**
 * Files a handler reads from a package at run time (`require.resolve` + `readFileSync`), which
 * esbuild cannot see. They are copied beside the bundle, into `node_modules/<package>/`, where
 * the handler's `createRequire(import.meta.url)` finds them in `/var/task`. Copied from the
 * installed package: synthesis stays offline (NodejsFunction's `nodeModules` would run an install).
 */
export const RUNTIME_FILES: Readonly<Record<string, readonly string[]>> = {
  "docs/ui": ["swagger-ui-dist/package.json"],
  "docs/asset": [
    "swagger-ui-dist/package.json",
    "swagger-ui-dist/swagger-ui.css",
    "swagger-ui-dist/swagger-ui-bundle.js",
  ],
};

/** Shell commands for NodejsFunction's `afterBundling` hook; none for most handlers. */
export function copyRuntimeFiles(handler: string, functionsDir: string, outputDir: string): string[] {
  const files = RUNTIME_FILES[handler] ?? [];
  const resolve = createRequire(path.join(functionsDir, "package.json")).resolve;
  return files.flatMap((file) => {
    const target = path.join(outputDir, "node_modules", file);
    return [`mkdir -p "${path.dirname(target)}"`, `cp "${resolve(file)}" "${target}"`];
  });
}
