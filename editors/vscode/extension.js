// The VS Code client of `cjm lsp`: starts the language server for
// `.journey` files, shows `cjm explain` for the codes of diagnostics, and
// opens the live preview of `cjm watch FILE --serve`.
'use strict';

const { spawn, execFile } = require('node:child_process');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;
// One preview process per file, with the URL it printed.
const previews = new Map();

/** The `cjm` program of the `cjm.path` setting. */
function cjmPath() {
  const configured = vscode.workspace.getConfiguration('cjm').get('path');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'cjm';
}

async function activate(context) {
  const server = { command: cjmPath(), args: ['lsp'] };
  client = new LanguageClient(
    'cjm',
    'cjm language server',
    { run: server, debug: server },
    {
      documentSelector: [{ language: 'journey' }],
    },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('cjm.openPreview', () => openPreview()),
    // A diagnostic's code links to `cjm-explain:CODE`: shown as a document.
    vscode.workspace.registerTextDocumentContentProvider('cjm-explain', {
      provideTextDocumentContent: (uri) => explain(uri.path),
    }),
    { dispose: stopPreviews },
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `cjm: could not start \`${cjmPath()} lsp\` (${error.message}). ` +
        'Install cjm or set `cjm.path`.',
    );
  }
}

function explain(code) {
  return new Promise((resolve) => {
    execFile(cjmPath(), ['explain', code], (error, stdout, stderr) => {
      resolve(error ? `cjm explain ${code}: ${stderr || error.message}` : stdout);
    });
  });
}

/**
 * Runs `cjm watch FILE --serve` for the active journey (once per file) and
 * opens the URL it prints.
 */
async function openPreview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'journey') {
    vscode.window.showErrorMessage('cjm: open a .journey file to preview it.');
    return undefined;
  }
  const document = editor.document;
  if (document.isUntitled) {
    vscode.window.showErrorMessage('cjm: save the journey first; the preview follows the file.');
    return undefined;
  }
  if (document.isDirty) {
    await document.save();
  }
  const file = document.uri.fsPath;
  let preview = previews.get(file);
  if (!preview) {
    preview = startPreview(file);
    previews.set(file, preview);
  }
  try {
    const url = await preview.url;
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  } catch (error) {
    previews.delete(file);
    vscode.window.showErrorMessage(`cjm: the preview did not start: ${error.message}`);
    return undefined;
  }
}

function startPreview(file) {
  const child = spawn(cjmPath(), ['watch', file, '--serve'], {
    cwd: path.dirname(file),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /preview at (\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      previews.delete(file);
      reject(new Error(errors.trim() || `cjm watch ended with code ${code}`));
    });
  });
  return { child, url };
}

function stopPreviews() {
  for (const { child } of previews.values()) {
    child.kill();
  }
  previews.clear();
}

async function deactivate() {
  stopPreviews();
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate, openPreview };
