// The VS Code extension's client (editors/vscode/extension.js), loaded
// with stand-ins for the `vscode` API and vscode-languageclient: it starts
// `cjm lsp` from the `cjm.path` setting, and "cjm: Open preview" runs
// `cjm watch FILE --serve` and opens the URL it prints.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { root } = require('./scopes');

const extensionDir = path.join(root, 'editors', 'vscode');

function fakes(settings) {
  const seen = { clients: [], commands: {}, opened: [], errors: [], providers: {} };
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      registerTextDocumentContentProvider: (scheme, provider) => {
        seen.providers[scheme] = provider;
        return { dispose() {} };
      },
    },
    commands: {
      registerCommand: (name, run) => {
        seen.commands[name] = run;
        return { dispose() {} };
      },
    },
    window: {
      activeTextEditor: undefined,
      showErrorMessage: (message) => seen.errors.push(message),
    },
    env: { openExternal: async (uri) => seen.opened.push(uri.toString()) },
    Uri: { parse: (text) => ({ toString: () => text }) },
  };
  class LanguageClient {
    constructor(id, name, server, options) {
      seen.clients.push({ id, name, server, options });
    }
    async start() {}
    async stop() {}
  }
  return { seen, vscode, languageclient: { LanguageClient } };
}

/** Loads a fresh copy of the extension against the stand-ins. */
function load(settings) {
  const { seen, vscode, languageclient } = fakes(settings);
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return languageclient;
    return original.call(this, request, ...rest);
  };
  const file = path.join(extensionDir, 'extension.js');
  delete require.cache[require.resolve(file)];
  try {
    return { extension: require(file), seen, vscode };
  } finally {
    Module._load = original;
  }
}

test('the manifest declares the language, grammar, command and setting', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  const language = manifest.contributes.languages[0];
  assert.strictEqual(language.id, 'journey');
  assert.deepStrictEqual(language.extensions, ['.journey']);
  assert.ok(fs.existsSync(path.join(extensionDir, language.configuration)));
  const grammar = manifest.contributes.grammars[0];
  assert.strictEqual(grammar.scopeName, 'source.journey');
  assert.ok(fs.existsSync(path.join(extensionDir, grammar.path)));
  const command = manifest.contributes.commands[0];
  assert.strictEqual(`${command.category}: ${command.title}`, 'cjm: Open preview');
  assert.strictEqual(manifest.contributes.configuration.properties['cjm.path'].default, 'cjm');
  assert.ok(manifest.dependencies['vscode-languageclient']);
  const configuration = JSON.parse(
    fs.readFileSync(path.join(extensionDir, language.configuration), 'utf8'),
  );
  assert.strictEqual(configuration.comments.lineComment, '#');
  assert.ok(configuration.autoClosingPairs.some((p) => p.open === '"' && p.close === '"'));
  // The word pattern takes a whole ID in any script, `-` included.
  const word = new RegExp(configuration.wordPattern, 'u');
  assert.strictEqual(word.exec('owner web-shop')[0], 'owner');
  assert.strictEqual(word.exec('  מודעה-ראשונה -> x')[0], 'מודעה-ראשונה');
});

test('activation starts `cjm lsp` from the cjm.path setting', async () => {
  const { extension, seen } = load({ 'cjm.path': '/opt/bin/cjm' });
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(seen.clients.length, 1);
  const { server, options } = seen.clients[0];
  assert.deepStrictEqual(server.run, { command: '/opt/bin/cjm', args: ['lsp'] });
  assert.deepStrictEqual(options.documentSelector, [{ language: 'journey' }]);
  assert.ok(seen.commands['cjm.openPreview']);
  assert.ok(seen.providers['cjm-explain']);
  await extension.deactivate();

  const { extension: plain, seen: plainSeen } = load({});
  await plain.activate({ subscriptions: [] });
  assert.strictEqual(plainSeen.clients[0].server.run.command, 'cjm');
});

test('"cjm: Open preview" runs `cjm watch FILE --serve` and opens its URL', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cjm-preview-'));
  // A stand-in for cjm that records its arguments and prints an address.
  const fake = path.join(dir, 'cjm');
  fs.writeFileSync(
    fake,
    '#!/bin/sh\necho "$@" > "$(dirname "$0")/args"\necho "preview at http://127.0.0.1:4321/"\nexec sleep 30\n',
  );
  fs.chmodSync(fake, 0o755);
  const journey = path.join(dir, 'map.journey');
  fs.writeFileSync(journey, 'journey "J" {}\n');
  const { extension, seen, vscode } = load({ 'cjm.path': fake });
  await extension.activate({ subscriptions: [] });
  let saved = false;
  vscode.window.activeTextEditor = {
    document: {
      languageId: 'journey',
      isUntitled: false,
      isDirty: true,
      save: async () => {
        saved = true;
      },
      uri: { fsPath: journey },
    },
  };
  const url = await seen.commands['cjm.openPreview']();
  assert.strictEqual(url, 'http://127.0.0.1:4321/');
  assert.deepStrictEqual(seen.opened, ['http://127.0.0.1:4321/']);
  assert.ok(saved, 'the file is saved first');
  assert.strictEqual(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim(), `watch ${journey} --serve`);
  // Asked again: the same preview, not a second process.
  await seen.commands['cjm.openPreview']();
  assert.deepStrictEqual(seen.opened, ['http://127.0.0.1:4321/', 'http://127.0.0.1:4321/']);
  await extension.deactivate();
  fs.rmSync(dir, { recursive: true, force: true });
});

// With the real binary (CJM_BIN, set by .ci/run after `cargo build`).
test('the preview of the real cjm serves the map', { skip: !process.env.CJM_BIN }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cjm-preview-'));
  const journey = path.join(dir, 'map.journey');
  fs.copyFileSync(path.join(root, 'examples', 'michal.journey'), journey);
  const { extension, seen, vscode } = load({ 'cjm.path': path.resolve(root, process.env.CJM_BIN) });
  await extension.activate({ subscriptions: [] });
  vscode.window.activeTextEditor = {
    document: { languageId: 'journey', isUntitled: false, isDirty: false, uri: { fsPath: journey } },
  };
  const url = await seen.commands['cjm.openPreview']();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await fetch(url);
  assert.strictEqual(page.status, 200);
  assert.match(await page.text(), /<html/i);
  await extension.deactivate();
  fs.rmSync(dir, { recursive: true, force: true });
});
