#!/usr/bin/env node
'use strict';
// Entry point of the cdk8s-skupper CLI (and of the runtime image). In a checkout it runs the
// TypeScript sources through ts-node (a dev dependency), so it never runs a stale build; the npm
// package and the image ship only the compiled build/ (no lib/ sources, see "files" in
// package.json), which is used when the sources are absent, with plain Node.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const sources = path.join(root, 'lib', 'cli', 'main.ts');

let cli;
if (fs.existsSync(sources)) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  cli = require(sources);
} else {
  cli = require(path.join(root, 'build', 'lib', 'cli', 'main.js'));
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
