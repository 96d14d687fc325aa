/**
 * ESLint rule `local/module-boundaries`: a server module is entered only through its public index.
 *
 * For a file under server/src, an import (or re-export, or dynamic import) that resolves into
 * server/src/modules/<m>/ must be `modules/<m>` itself, i.e. its index.ts, unless the file belongs to <m>; inside
 * <m>, files import their siblings directly and never their own index (that would make load-order cycles). Code in
 * server/src/common is below every module and imports none (its unit specs may, as tests). Tests (server/test) are not
 * linted by this rule: they may reach a module's internals to drive them.
 */
const path = require('node:path');

const SRC = /^(.*[\\/]server[\\/]src)[\\/]/;

/** `modules/<name>/<rest>` of an absolute path under server/src, or null. */
function locate(src, file) {
  const rel = path.relative(src, file).split(path.sep);
  if (rel[0] === 'common') return { area: 'common' };
  if (rel[0] !== 'modules' || rel.length < 2) return { area: 'app' };
  const rest = rel
    .slice(2)
    .join('/')
    .replace(/\.(ts|tsx|js|cjs|mjs)$/, '');
  return { area: 'module', name: rel[1], rest };
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Enter a server module only through its index; common imports no module' },
    schema: [],
    messages: {
      internal:
        "'{{source}}' reaches into the {{target}} module's internals ({{rest}}); import from its index ('{{index}}') " +
        'and export what is missing there.',
      ownIndex: "'{{source}}' is this module's own index; import the file itself.",
      common: "'{{source}}': common/ sits below the modules and imports none of them (here: {{target}}).",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const match = SRC.exec(filename);
    if (!match) return {};
    const src = match[1];
    const from = locate(src, filename);

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = locate(src, path.resolve(path.dirname(filename), source));
      if (target.area !== 'module') return;
      const isIndex = target.rest === '' || target.rest === 'index';
      // A unit spec of common code may drive it with a module's real classes, as server/test does; common may not.
      if (from.area === 'common' && /\.spec\.tsx?$/.test(filename)) return;
      if (from.area === 'common') {
        context.report({ node, messageId: 'common', data: { source, target: target.name } });
        return;
      }
      if (from.area === 'module' && from.name === target.name) {
        if (isIndex) context.report({ node, messageId: 'ownIndex', data: { source } });
        return;
      }
      if (isIndex) return;
      const index = path
        .relative(path.dirname(filename), path.join(src, 'modules', target.name))
        .split(path.sep)
        .join('/');
      context.report({
        node,
        messageId: 'internal',
        data: { source, target: target.name, rest: target.rest, index: index.startsWith('.') ? index : `./${index}` },
      });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
