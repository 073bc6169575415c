import { defineConfig } from "vitest/config";

// Node 20 is supported here until the SDK drops it; the README says so once, not every process.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "{functions,infra}/test/**/*.test.ts", "tests/**/*.test.ts"],
    // One DynamoDB Local for the whole run; every test file makes its own table.
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // CI reads the counts from vitest's own JSON report (see .ci/run).
    reporters: process.env.VITEST_JSON_REPORT ? ["default", "json"] : ["default"],
    ...(process.env.VITEST_JSON_REPORT ? { outputFile: { json: process.env.VITEST_JSON_REPORT } } : {}),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "SILENT",
    },
  },
});
