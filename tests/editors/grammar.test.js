// The TextMate grammar: every example tokenizes as its checked-in snapshot
// (UPDATE_SNAPSHOTS=1 rewrites them), and the scopes a theme colours are
// the right ones on the constructs that matter.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { tokenize, snapshot, root } = require('./scopes');

const examples = path.join(root, 'examples');
const snapshots = path.join(__dirname, 'snapshots');

for (const name of fs.readdirSync(examples).filter((f) => f.endsWith('.journey')).sort()) {
  test(`snapshot of examples/${name}`, async () => {
    const actual = await snapshot(fs.readFileSync(path.join(examples, name), 'utf8'));
    const file = path.join(snapshots, name.replace(/\.journey$/, '.scopes'));
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      fs.mkdirSync(snapshots, { recursive: true });
      fs.writeFileSync(file, actual);
    }
    assert.ok(fs.existsSync(file), `no snapshot ${file}: run with UPDATE_SNAPSHOTS=1`);
    assert.strictEqual(actual, fs.readFileSync(file, 'utf8'));
  });
}

// The innermost scope of the token `text` (the nth such token).
async function scopeOf(source, text, nth = 0) {
  const found = (await tokenize(source)).filter((t) => t.text === text);
  assert.ok(found.length > nth, `no token ${JSON.stringify(text)} #${nth}`);
  return found[nth].scopes[found[nth].scopes.length - 1];
}

const SOURCE = `# a comment
journey "קניית ירקות" {
  lang he
  allow empty-stage, no-owner
  persona מיכל "מיכל" { goal "Fresh food" }
  team שיווק
  channel web-shop "Web \\"shop\\"\\u{1F600}" online
  stage מודעות {
    owner שיווק
    reach 12000
    metric conversion 38.5%
    touchpoint מודעה "Ad" {
      channel web-shop   # reference
      emotion מיכל -2 "Bad \\q"
    }
    touchpoint quick "Quick"
  }
  flow מודעה -> quick "loop"
}
`;

test('keywords, definitions and references get their scopes', async () => {
  assert.strictEqual(await scopeOf(SOURCE, 'journey'), 'keyword.other.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'stage'), 'keyword.other.definition.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'owner'), 'keyword.other.journey');
  // IDs where they are defined…
  assert.strictEqual(await scopeOf(SOURCE, 'מיכל', 0), 'entity.name.persona.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'שיווק', 0), 'entity.name.team.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'web-shop', 0), 'entity.name.channel.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'מודעות'), 'entity.name.stage.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'מודעה', 0), 'entity.name.touchpoint.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'quick', 0), 'entity.name.touchpoint.journey');
  // …and where they are used.
  assert.strictEqual(await scopeOf(SOURCE, 'שיווק', 1), 'variable.other.team.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'web-shop', 1), 'variable.other.channel.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'מיכל', 2), 'variable.other.persona.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'מודעה', 1), 'variable.other.point.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'quick', 1), 'variable.other.point.journey');
  assert.strictEqual(await scopeOf(SOURCE, '->'), 'keyword.operator.arrow.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'empty-stage'), 'constant.other.lint.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'online'), 'constant.language.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'he'), 'constant.other.language-tag.journey');
});

test('strings, escapes, numbers, percentages and comments', async () => {
  assert.strictEqual(await scopeOf(SOURCE, '\\"'), 'constant.character.escape.journey');
  assert.strictEqual(await scopeOf(SOURCE, '\\u{1F600}'), 'constant.character.escape.journey');
  assert.strictEqual(await scopeOf(SOURCE, '\\q'), 'invalid.illegal.escape.journey');
  assert.strictEqual(await scopeOf(SOURCE, 'קניית ירקות'), 'string.quoted.double.journey');
  assert.strictEqual(await scopeOf(SOURCE, '12000'), 'constant.numeric.journey');
  assert.strictEqual(await scopeOf(SOURCE, '-2'), 'constant.numeric.journey');
  assert.strictEqual(await scopeOf(SOURCE, '38.5%'), 'constant.numeric.percentage.journey');
  assert.strictEqual(await scopeOf(SOURCE, '# a comment'), 'comment.line.number-sign.journey');
  assert.strictEqual(await scopeOf(SOURCE, '# reference'), 'comment.line.number-sign.journey');
  // A digit inside an ID is no number.
  const tokens = await tokenize('journey "J" {\n  team t2\n}\n');
  assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('constant.numeric'))));
});

test('the lane statements of v1.1', async () => {
  const source = 'journey "J" {\n  lane nps "NPS" score -2..2\n  lanes touchpoints, nps\n' +
    '  stage s {\n    touchpoint t {\n      lane nps 1 "ok"\n      backstage "Packs"\n    }\n  }\n}\n';
  assert.strictEqual(await scopeOf(source, 'nps', 0), 'entity.name.lane.journey');
  assert.strictEqual(await scopeOf(source, '-2..2'), 'constant.numeric.range.journey');
  assert.strictEqual(await scopeOf(source, 'score'), 'constant.language.journey');
  assert.strictEqual(await scopeOf(source, 'touchpoints'), 'variable.other.lane.journey');
  assert.strictEqual(await scopeOf(source, 'nps', 1), 'variable.other.lane.journey');
  assert.strictEqual(await scopeOf(source, 'nps', 2), 'variable.other.lane.journey');
  assert.strictEqual(await scopeOf(source, 'backstage'), 'keyword.other.journey');
});

test('a block closes where its brace does, so the next stage is seen', async () => {
  const source = 'journey "J" {\n  stage a { touchpoint x { channel c } }\n  stage b {\n  }\n}\n';
  assert.strictEqual(await scopeOf(source, 'c'), 'variable.other.channel.journey');
  assert.strictEqual(await scopeOf(source, 'b'), 'entity.name.stage.journey');
});
