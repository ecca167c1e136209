import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Shared by every package's vitest config. graphql is aliased to its CJS entry so that vitest,
 * Pothos and Apollo all load the same copy ("Cannot use GraphQLSchema from another module or realm").
 */
export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql/index.js') } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});
