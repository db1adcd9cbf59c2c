'use strict';

// Builds the deepstream configuration from the JSON that DeepstreamServer writes.
// A .js configuration is loaded with require(), so deepstream's text preprocessing of
// .yml/.json files (stripping everything after '#', ${ENV} substitution) never touches
// passwords, client data or rule expressions.

const fs = require('fs');
const path = require('path');

const SERVER_DIR = path.join(__dirname, 'node_modules', '@deepstream', 'server');
const yaml = require(require.resolve('js-yaml', { paths: [SERVER_DIR] }));

const ALLOW_ALL = {
  record: { '*': { create: true, write: true, read: true, delete: true, listen: true, notify: true } },
  event: { '*': { publish: true, subscribe: true, listen: true } },
  rpc: { '*': { provide: true, request: true } },
  presence: { '*': { allow: true } }
};

function readYaml(file) {
  if (!fs.existsSync(file)) {
    return null;
  }
  return yaml.safeLoad(fs.readFileSync(file, 'utf8')) || {};
}

function mergePermissions(fromYaml, fromRules) {
  const base = fromYaml || {};
  const result = {};
  const sections = new Set([...Object.keys(ALLOW_ALL), ...Object.keys(base)]);
  for (const section of sections) {
    const rules = (fromRules && fromRules[section]) || {};
    result[section] = Object.assign({}, base[section] || ALLOW_ALL[section], rules);
  }
  return result;
}

module.exports = function load(dir) {
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'deepstream.json'), 'utf8'));
  if (config.permission && config.permission.type === 'config') {
    const options = config.permission.options;
    options.permissions = mergePermissions(readYaml(path.join(dir, 'permissions.yml')), options.permissions);
  }
  return config;
};
