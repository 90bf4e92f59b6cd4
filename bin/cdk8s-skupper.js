#!/usr/bin/env node
'use strict';
// Entry point of the cdk8s-skupper CLI. Uses the compiled output when the project was built
// (npm run build), otherwise runs the TypeScript sources through ts-node, so the CLI works in a
// fresh checkout without a build step.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'build', 'lib', 'cli', 'main.js');

let cli;
if (fs.existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  cli = require(path.join(root, 'lib', 'cli', 'main.ts'));
}

cli.main(process.argv.slice(2)).then(
  (code) => {
    // exitCode rather than process.exit(): lets pending stdout writes to a pipe finish.
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`cdk8s-skupper: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
