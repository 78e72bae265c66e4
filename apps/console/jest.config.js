// The repository's Jest preset; the console's sources are TSX for the browser, so ts-jest compiles
// them to CommonJS here (the unit tests import its pure modules, the browser tests drive Chromium).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, resolveJsonModule: true },
        diagnostics: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
  setupFiles: [],
};
