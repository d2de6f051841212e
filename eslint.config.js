import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "artifacts/",
      "cache/",
      "coverage/",
      "types/",
      "ignition/deployments/",
      "app/dist/",
      "app/src/generated/",
      ".hyphae/",
      // Written by indexer/generate-abis.ts and by Ponder.
      "indexer/generated/",
      "indexer/ponder-env.d.ts",
      "indexer/.ponder/",
      // Plain JavaScript that forge runs as its compiler, under whichever Node is on PATH (it may not strip types).
      "scripts/solc-js-cli.mjs",
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    // Tests index into fixtures they built themselves; a missing element fails the test either way.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  { files: ["eslint.config.js"], extends: [tseslint.configs.disableTypeChecked] },
);
