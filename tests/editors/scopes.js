// Tokenizes journey text with the VS Code extension's TextMate grammar,
// through the same engine VS Code uses (vscode-textmate + vscode-oniguruma).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.join(__dirname, '..', '..');
const grammarPath = path.join(root, 'editors', 'vscode', 'syntaxes', 'journey.tmLanguage.json');

let registry;

function load() {
  if (!registry) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const ready = oniguruma.loadWASM(wasm.buffer).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }));
    registry = new textmate.Registry({
      onigLib: ready,
      loadGrammar: async (scopeName) =>
        scopeName === 'source.journey'
          ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
          : null,
    });
  }
  return registry.loadGrammar('source.journey');
}

// Every token of the text: its line (0-based), its text and its scopes
// (the root scope left out).
async function tokenize(text) {
  const grammar = await load();
  let state = textmate.INITIAL;
  const out = [];
  text.split(/\r?\n/).forEach((line, number) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, token.endIndex);
      out.push({ line: number, text: piece, scopes: token.scopes.slice(1) });
    }
    state = result.ruleStack;
  });
  return out;
}

// The snapshot of a text: each line, then its tokens with their scopes
// (whitespace-only tokens left out).
async function snapshot(text) {
  const tokens = await tokenize(text);
  const lines = text.split(/\r?\n/);
  const out = [];
  lines.forEach((line, number) => {
    out.push(`> ${line}`);
    for (const token of tokens.filter((t) => t.line === number && t.text.trim() !== '')) {
      out.push(`  ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`);
    }
  });
  return out.join('\n') + '\n';
}

module.exports = { tokenize, snapshot, root };
