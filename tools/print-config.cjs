#!/usr/bin/env node
// Prints the README's configuration table from the server's env schema (the one source of truth);
// with --write, replaces the table between the config markers in README.md.
const fs = require('node:fs');
const path = require('node:path');
const { ENV_SCHEMA } = require(path.resolve(__dirname, '../server/dist/config/env.schema.js'));

const rows = Object.entries(ENV_SCHEMA).map(([name, spec]) => {
  const def = spec.defaultText
    ? `\`${spec.defaultText}\``
    : spec.default === undefined
      ? '(unset)'
      : spec.default === ''
        ? '(empty)'
        : `\`${spec.default}\``;
  return `| \`${name}\` | ${def} | ${spec.description.replace(/\|/g, '\\|')} |`;
});
const table = ['| Variable | Default | What it does |', '|---|---|---|', ...rows].join('\n');

if (process.argv.includes('--write')) {
  const file = path.resolve(__dirname, '../README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const next = readme.replace(
    /<!-- config:start -->[\s\S]*<!-- config:end -->/,
    `<!-- config:start -->\n${table}\n<!-- config:end -->`,
  );
  fs.writeFileSync(file, next);
} else {
  console.log(table);
}
