import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ and what each may import (DESIGN.md "Layout"): imports run only downward.
 * A folder not listed for a layer is refused by no-restricted-imports, so a wrong-way import
 * fails `npm run lint` (test/unit/layers.test.ts shows it failing).
 */
export const LAYERS = {
  core: [],
  image: ['core'],
  toolchain: ['core', 'image'],
  connectors: ['core', 'image', 'toolchain'],
  providers: ['core', 'image'],
  attest: ['core', 'image', 'connectors'],
  assemble: ['core', 'image', 'toolchain', 'connectors', 'providers'],
  publish: ['core', 'image'],
  run: ['core', 'image', 'toolchain', 'connectors', 'providers', 'attest', 'assemble', 'publish'],
  fronts: ['core', 'image', 'connectors', 'providers', 'run', 'publish'],
};

function layerRules([layer, allowed]) {
  const forbidden = Object.keys(LAYERS).filter((l) => l !== layer && !allowed.includes(l));
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // From src/<layer>/…, any number of ../ then a forbidden top folder of src/.
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `src/${layer}/ may import only from ${allowed.length ? allowed.map((l) => `src/${l}/`).join(', ') : 'itself'} (layers import downward; see DESIGN.md "Layout").`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'out/',
      'coverage/',
      '.tmp/',
      'examples/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  ...Object.entries(LAYERS).map(layerRules),
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
