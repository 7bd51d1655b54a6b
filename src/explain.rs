//! `cjm explain CODE`: what each error code and lint means, with an example
//! and the fix. All the wording lives in the table below.

/// The explanation of `code` (`cjm::empty-stage` or `empty-stage`).
pub fn explain(code: &str) -> Option<String> {
    let name = code.trim();
    let name = name.strip_prefix("cjm::").unwrap_or(name);
    let entry = ENTRIES.iter().find(|e| e.name == name)?;
    let kind = if entry.lint {
        "lint (a warning; `allow` or `deny` it in the file or with -A/-D)"
    } else if entry.name.starts_with("theme-") {
        "error in a theme file (`--theme FILE.toml`)"
    } else if IMPORT_WARNINGS.contains(&entry.name) {
        "warning of `cjm import mermaid`"
    } else if GIT_ERRORS.contains(&entry.name) {
        "error of `cjm diff` reading from git (exit code 2)"
    } else {
        "error"
    };
    Some(format!(
        "cjm::{name} — {kind}\n\n{}\n\nExample:\n\n{}\n\nFix: {}\n",
        entry.meaning,
        indent(entry.example),
        entry.fix
    ))
}

/// Every code `explain` knows, errors first then lints, as `cjm::NAME`.
pub fn codes() -> impl Iterator<Item = String> {
    ENTRIES.iter().map(|e| format!("cjm::{}", e.name))
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Errors of `cjm diff` when it reads old versions from git: about the
/// repository, not about a journey.
const GIT_ERRORS: &[&str] = &[
    "git-missing",
    "git-no-repository",
    "git-revision",
    "git-path",
];

/// Codes that are warnings of an import, not errors nor lints.
const IMPORT_WARNINGS: &[&str] = &["mermaid-not-carried", "mermaid-score"];

struct Entry {
    name: &'static str,
    lint: bool,
    meaning: &'static str,
    example: &'static str,
    fix: &'static str,
}

const ENTRIES: &[Entry] = &[
    Entry {
        name: "syntax",
        lint: false,
        meaning: "The text does not follow the journey language's grammar: a keyword, string, \
                  identifier or brace is missing or out of place. The message says what was expected.",
        example: "journey \"Shop\" {\n  stage awareness \"Awareness {\n  }\n}",
        fix: "add what the message says is expected (here the closing `\"` of the string). \
              Statements end at a newline, a `;` or the `}` of their block.",
    },
    Entry {
        name: "encoding",
        lint: false,
        meaning: "The file is not UTF-8 text, or holds a NUL byte. The message gives the line, \
                  column and byte offset of the first bad byte.",
        example: "a file saved as Windows-1255 or UTF-16 instead of UTF-8",
        fix: "save the file as UTF-8 (a leading byte-order mark is fine).",
    },
    Entry {
        name: "duplicate-id",
        lint: false,
        meaning: "Two definitions use the same ID. Personas, teams, channels, custom lanes, \
                  stages and touchpoints share one namespace per file, so every ID must be \
                  unique. A custom lane also can't take the name of a built-in lane \
                  (`lane support …`): `lanes` could not tell the two apart.",
        example: "journey \"Shop\" {\n  team checkout \"Checkout team\"\n  stage purchase {\n    touchpoint checkout \"Checkout\"\n  }\n}",
        fix: "rename one of the two definitions and the references that meant it (for a \
              lane, its `lane ID …` entries and its name in `lanes`).",
    },
    Entry {
        name: "unknown-reference",
        lint: false,
        meaning: "A statement names an ID that nothing defines: `owner` needs a team, `channel` a \
                  channel, an emotion's persona a persona, `flow` a stage or touchpoint, \
                  `lane REF …` a custom lane. A name in `lanes` must be a built-in lane \
                  (`touchpoints`, `evidence`, `actions`, `thoughts`, `emotion`, `frontstage`, \
                  `backstage`, `support`, `pains`, `opportunities`, `insights`, `attribution`, \
                  `metrics`, `funnel`) or a custom lane's ID.",
        example: "journey \"Shop\" {\n  team marketing \"Marketing\"\n  stage awareness {\n    owner markting\n  }\n}",
        fix: "fix the name (the help suggests the closest defined ID of the right kind, or \
              the closest lane) or add the missing definition, e.g. `lane systems \"Systems\"`; \
              definitions may come after their use.",
    },
    Entry {
        name: "wrong-kind",
        lint: false,
        meaning: "A reference names a definition of another kind than the statement needs, \
                  e.g. an `owner` that is a touchpoint instead of a team, or a `lane REF …` \
                  entry whose REF is a team instead of a custom lane.",
        example: "journey \"Shop\" {\n  stage purchase {\n    owner checkout\n    touchpoint checkout \"Checkout\"\n  }\n}",
        fix: "name a definition of the right kind: `owner` → team, `channel` → channel, \
              emotion persona → persona, `flow` → stage or touchpoint, `lane` → custom lane.",
    },
    Entry {
        name: "emotion-range",
        lint: false,
        meaning: "An emotion score is not a whole number from -2 (very negative) to +2 (very positive).",
        example: "journey \"Shop\" {\n  stage purchase {\n    touchpoint checkout { emotion -3 \"Furious\" }\n  }\n}",
        fix: "use -2, -1, 0, 1 or 2; put nuances in the emotion's label.",
    },
    Entry {
        name: "persona-required",
        lint: false,
        meaning: "The journey has two or more personas, so every emotion must say whose it is.",
        example: "journey \"Shop\" {\n  persona michal \"Michal\"\n  persona dan \"Dan\"\n  stage purchase {\n    touchpoint checkout { emotion -2 }\n  }\n}",
        fix: "name the persona before the score: `emotion michal -2 \"Frustrated\"`.",
    },
    Entry {
        name: "duplicate-property",
        lint: false,
        meaning: "A single-valued statement is given twice in one block: a touchpoint's \
                  `channel`, `reach`, `link`, `moment_of_truth` or `description`, one persona's \
                  `emotion` in a touchpoint, a stage's `reach` or `description`, a persona's \
                  `description` or `quote`, the journey's `lang`, `direction`, `description` \
                  or `lanes`. Also a second score for one score lane in one touchpoint \
                  (`lane effort 2` and `lane effort 4`), and a name listed twice in `lanes`.",
        example: "journey \"Shop\" {\n  channel site \"Site\"\n  channel app \"App\"\n  stage purchase {\n    touchpoint checkout {\n      channel site\n      channel app\n    }\n  }\n}",
        fix: "keep one of the two statements (or names).",
    },
    Entry {
        name: "invalid-value",
        lint: false,
        meaning: "A value has the right type but is not allowed: a percentage above 100%, a \
                  `reach` that is negative or not a whole number, a `lang` that is not a BCP 47 \
                  tag, an unknown lint name in `allow`/`deny`, a `direction` other than ltr, rtl \
                  or auto, a channel mode other than online or offline, a number too large to \
                  be exact in JSON, or text holding a control character (other than tab and \
                  line break, written `\\t` and `\\n`). For custom lanes: a number in a text \
                  lane, a text in a score lane, a score outside its lane's MIN..MAX, a score \
                  lane whose MIN is not below its MAX or whose scale is a percentage, and a \
                  score in a stage block (scores belong to touchpoints).",
        example: "journey \"Shop\" {\n  stage purchase {\n    reach -5\n    metric abandonment 138%\n  }\n}",
        fix: "write a value the statement accepts; the help says which.",
    },
    Entry {
        name: "unsafe-link",
        lint: false,
        meaning: "A `link` does not use the http, https or mailto scheme. Maps are shared and \
                  opened in browsers, so other schemes (javascript:, data:, file:) are refused, \
                  as are web links without `//` after the scheme and links hiding control, \
                  bidi or zero-width characters.",
        example: "journey \"Shop\" {\n  stage retention {\n    touchpoint magnet { link \"javascript:alert(1)\" }\n  }\n}",
        fix: "link to a web page or an e-mail address: `link \"https://example.com/page\"`.",
    },
    Entry {
        name: "self-flow",
        lint: false,
        meaning: "A flow edge goes from a point to itself, which moves the customer nowhere.",
        example: "journey \"Shop\" {\n  stage purchase { touchpoint checkout }\n  flow checkout -> checkout\n}",
        fix: "remove the edge or name the point the customer moves to.",
    },
    Entry {
        name: "no-stages",
        lint: false,
        meaning: "The journey has no stage; stages are the columns of the map, so there is \
                  nothing to draw.",
        example: "journey \"Shop\" {\n  persona michal \"Michal\"\n}",
        fix: "add at least one `stage ID \"Label\" { … }` with its touchpoints.",
    },
    Entry {
        name: "limit",
        lint: false,
        meaning: "The file passes one of the caps that keep a hostile or runaway file from \
                  hanging the compiler or exhausting memory: a file larger than 8 MiB, a string \
                  or identifier longer than 10,000 characters, or more than 100,000 elements \
                  (personas, teams, channels, lanes, stages, touchpoints and flow edges \
                  together). \
                  Programs that embed cjm may set other file size and element caps.",
        example: "a touchpoint whose label is a whole 12,000-character article pasted in quotes",
        fix: "shorten the text (keep long details in a page the touchpoint links to) or split \
              the journey into several files.",
    },
    Entry {
        name: "mermaid-syntax",
        lint: false,
        meaning: "`cjm import mermaid` could not read a Mermaid `journey` diagram: it does not \
                  start with `journey`, a task has no score or a score that is not a number, a \
                  section name holds `:`, or a `;` stands where Mermaid does not accept one. In \
                  a Markdown file the line is the Markdown file's.",
        example: "journey\n  section Morning\n    Make tea",
        fix: "write each task as `name: score: actor, actor`, with a score from 1 to 5 \
              (here `Make tea: 5: Me`).",
    },
    Entry {
        name: "mermaid-not-carried",
        lint: false,
        meaning: "A warning of `cjm import mermaid`: the diagram holds something the journey \
                  language has no place for, so it is left out: Mermaid configuration (front \
                  matter keys other than `title`, `%%{init}%%` directives), an `accTitle` \
                  besides the `title`, fields after a task's actors, an actor named twice in one \
                  task, or a task without actors in a journey with several personas (its score \
                  is kept as a comment, since every emotion must name its persona).",
        example: "journey\n  section Visit\n    Sign up: 4: Kim, Kim",
        fix: "nothing is required; the warning says what the imported journey lacks. Add it by \
              hand if it matters (e.g. the actors of a task, as `emotion PERSONA SCORE`).",
    },
    Entry {
        name: "mermaid-score",
        lint: false,
        meaning: "A warning of `cjm import mermaid`: a task's score is outside Mermaid's 1 to 5, \
                  or not a whole number. Emotions are whole numbers from -2 to +2 (the Mermaid \
                  score minus 3), so the score is clamped to 1..5 and rounded.",
        example: "journey\n  section Visit\n    See the prices: 7: Sam",
        fix: "use a score from 1 (very negative) to 5 (very positive) in the diagram, or edit \
              the imported `emotion`.",
    },
    Entry {
        name: "theme-syntax",
        lint: false,
        meaning: "The file given to `--theme` is not valid TOML: a string is not closed, a \
                  key has no `=`, or a line is not a `key = value` pair.",
        example: "text = \"#1b1f24",
        fix: "close the string or fix the line the message points at; a theme file holds \
              only lines like `text = \"#1b1f24\"`.",
    },
    Entry {
        name: "theme-unknown-key",
        lint: false,
        meaning: "A theme file sets a key that is not `base` nor one of the colour roles of \
                  the built-in themes. The roles are: page, lane, lane-alt, lane-header, \
                  stage-header, stage-header-alt, surface, border, grid-line, text, muted, link, \
                  chip, chip-border, pain, pain-bg, opportunity, opportunity-bg, insight, \
                  insight-bg, action, thought-bg, moment, moment-bg, persona-1 … persona-6, \
                  score-minus-2, score-minus-1, score-0, score-plus-1, score-plus-2, funnel, \
                  drop, drop-bg, flow, loop, emotion-band-positive, emotion-band-negative, \
                  frontstage-bg, backstage-bg, support-bg, custom-bg, score-line, \
                  blueprint-line (docs/themes.md says what each paints). Tables such as \
                  `[colors]` are not part of a theme file.",
        example: "txt = \"#1b1f24\"",
        fix: "use the key the message suggests (keys use `-`, not `_`), or remove the line.",
    },
    Entry {
        name: "theme-colour",
        lint: false,
        meaning: "A colour role in a theme file is not a colour written `#rrggbb`. Names \
                  (`red`), CSS shorthand (`#abc`), numbers and anything else CSS would \
                  accept are refused: only six hex digits reach the map.",
        example: "text = \"red\"",
        fix: "write the colour as a string of `#` and six hex digits, e.g. `text = \"#1b1f24\"`.",
    },
    Entry {
        name: "theme-base",
        lint: false,
        meaning: "A theme file's `base` names the built-in theme its colours start from, and \
                  must be \"light\" (the default) or \"dark\".",
        example: "base = \"solarized\"",
        fix: "write `base = \"light\"` or `base = \"dark\"`.",
    },
    Entry {
        name: "theme-contrast",
        lint: false,
        meaning: "With the theme file's colours, text would fall below WCAG AA contrast \
                  (4.5:1) against a background it is drawn on. The main (`text`) and \
                  secondary (`muted`) text colours are checked on every background role, \
                  `link` on `surface`. The error names the key the file set (the text \
                  colour when it set both), the worst pair and the contrast found.",
        example: "text = \"#999999\"",
        fix: "make the text colour darker (on a light base) or lighter (on a dark one), or \
              change the background the message names; a contrast checker shows the ratio.",
    },
    Entry {
        name: "missing-persona",
        lint: true,
        meaning: "The journey has no persona. A journey map is drawn from one specific \
                  customer's point of view, not from the company's.",
        example: "journey \"Shop\" {\n  stage awareness { touchpoint ad \"Ad\" }\n}",
        fix: "add `persona michal \"Michal\" { goal \"…\" }` and give the emotions to her.",
    },
    Entry {
        name: "empty-stage",
        lint: true,
        meaning: "A stage has no touchpoint: a gap in the net where customers drop.",
        example: "journey \"Shop\" {\n  stage awareness { touchpoint ad \"Ad\" }\n  stage consideration \"Consideration\" { }\n}",
        fix: "add the touchpoints where customers meet you in this stage, or remove the stage.",
    },
    Entry {
        name: "no-owner",
        lint: true,
        meaning: "A touchpoint has no owner, neither its own nor its stage's: no team is in \
                  charge of moving the customer on from there.",
        example: "journey \"Shop\" {\n  stage purchase {\n    touchpoint checkout \"Checkout\"\n  }\n}",
        fix: "add `owner TEAM` to the touchpoint or to its stage.",
    },
    Entry {
        name: "missing-emotion",
        lint: true,
        meaning: "A touchpoint has no emotion, which leaves a hole in the emotion curve.",
        example: "journey \"Shop\" {\n  channel site \"Site\"\n  stage purchase {\n    touchpoint checkout \"Checkout\" { channel site }\n  }\n}",
        fix: "add `emotion SCORE \"Label\"` with a score from -2 to +2.",
    },
    Entry {
        name: "unaddressed-pain",
        lint: true,
        meaning: "A touchpoint or stage names a pain but no opportunity: the map shows a \
                  problem without the improvement it suggests.",
        example: "journey \"Shop\" {\n  stage purchase {\n    touchpoint checkout {\n      pain \"Her payment option is missing\"\n    }\n  }\n}",
        fix: "add `opportunity \"Add the two most used local wallets\"` next to the pain.",
    },
    Entry {
        name: "unused-definition",
        lint: true,
        meaning: "A team, channel or custom lane is defined but nothing uses it: no `owner` \
                  names the team, no touchpoint's `channel` the channel, and no `lane ID …` \
                  entry fills the lane nor does `lanes` list it.",
        example: "journey \"Shop\" {\n  team legal \"Legal\"   # no `owner legal` anywhere\n  stage awareness { touchpoint ad }\n}",
        fix: "use it (`owner legal`, `channel web`, `lane effort 3`) or remove the definition.",
    },
    Entry {
        name: "open-journey",
        lint: true,
        meaning: "No flow leads back to an earlier stage or touchpoint, so the journey is a \
                  line. Journeys are circular: returning customers and referrals belong on the map.",
        example: "journey \"Shop\" {\n  stage awareness { touchpoint ad }\n  stage purchase { touchpoint checkout }\n  flow ad -> checkout\n}",
        fix: "add a flow back to an earlier point: `flow magnet -> awareness \"Brings a friend\"`.",
    },
    Entry {
        name: "funnel-increase",
        lint: true,
        meaning: "A stage's `reach` is larger than the previous stage's: a funnel only narrows, \
                  so a figure or the stage order is probably wrong.",
        example: "journey \"Shop\" {\n  stage awareness { reach 900; touchpoint ad }\n  stage purchase { reach 12000; touchpoint checkout }\n}",
        fix: "check both figures, or reorder the stages.",
    },
    Entry {
        name: "git-missing",
        lint: false,
        meaning: "`cjm diff` reads old versions (`--rev REV`, a `REV:PATH` side) by running \
                  `git`, and no `git` program could be started.",
        example: "cjm diff --rev origin/main   # on a machine without git",
        fix: "install git, or put it on PATH; or compare two files: `cjm diff old.journey new.journey`.",
    },
    Entry {
        name: "git-no-repository",
        lint: false,
        meaning: "`cjm diff --rev` or a `REV:PATH` side needs a git repository, and the folder git \
                  ran in (the file's folder for `--rev`, the current one for `REV:PATH`) is not \
                  inside one.",
        example: "cd /tmp && cjm diff --rev HEAD",
        fix: "run cjm inside the repository, or name files inside it: `cjm diff --rev HEAD repo/maps`.",
    },
    Entry {
        name: "git-revision",
        lint: false,
        meaning: "The revision given to `--rev` or before the `:` of a `REV:PATH` side names no \
                  commit in the repository (a typo, or a branch not fetched, as `origin/main` \
                  in a shallow CI checkout).",
        example: "cjm diff --rev orgin/main",
        fix: "check the name with `git rev-parse REV`; in CI fetch the branch first \
              (`git fetch origin main`, or `fetch-depth: 0` with actions/checkout).",
    },
    Entry {
        name: "git-path",
        lint: false,
        meaning: "A `REV:PATH` side names a file that the revision does not have. As with \
                  `git show REV:PATH`, PATH is relative to the top of the repository unless it \
                  starts with `./`.",
        example: "cjm diff HEAD~1:maps/shop.journey maps/shop.journey   # shop.journey added in HEAD",
        fix: "use a revision that has the file and write PATH from the repository's top (or \
              `./PATH` from the current folder); `cjm diff --rev REV` reports a file added since \
              REV as added.",
    },
    Entry {
        name: "missing-glyph",
        lint: true,
        meaning: "A text holds a character that no font can draw: not the bundled ones (Latin, \
                  Greek, Cyrillic, Hebrew, Arabic script and emoji) nor any given with `--font` \
                  or `--font-dir`. The map would show an empty box in its place. The warning \
                  names the characters and points at the text.",
        example: "journey \"Tokyo\" {\n  stage visit \"東京\" { touchpoint ad \"Ad\" }\n}",
        fix: "give a font that covers the script, after the bundled ones: `--font FILE` \
              (repeatable) or `--font-dir DIR`, e.g. `--font-dir /usr/share/fonts/opentype/noto` \
              with Debian's `fonts-noto-cjk` for Chinese, Japanese and Korean; or `allow \
              missing-glyph` when the box is acceptable.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_and_lint_is_explained() {
        for lint in crate::lint::LINTS {
            assert!(explain(lint).is_some(), "{lint}");
            assert!(explain(&format!("cjm::{lint}")).is_some(), "{lint}");
        }
        assert_eq!(
            codes().count(),
            21 + GIT_ERRORS.len() + crate::lint::LINTS.len()
        );
        for code in GIT_ERRORS {
            assert!(explain(code).unwrap().contains("cjm diff"), "{code}");
        }
        assert!(explain("unknown-reference").unwrap().contains("Example:"));
        assert_eq!(explain("nope"), None);
    }

    /// The lane rules of language.md §9 are explained under their codes.
    #[test]
    fn lane_errors_are_explained_under_their_codes() {
        for (code, words) in [
            ("duplicate-id", "built-in lane"),
            ("unknown-reference", "`lanes`"),
            ("wrong-kind", "custom lane"),
            ("duplicate-property", "score lane"),
            ("invalid-value", "MIN..MAX"),
            ("unused-definition", "custom lane"),
        ] {
            assert!(explain(code).unwrap().contains(words), "{code}: {words}");
        }
    }

    /// Each example (all but `encoding`, which is about bytes, and `limit`,
    /// which needs a huge file) really produces its code.
    #[test]
    fn examples_trigger_their_code() {
        for entry in ENTRIES
            .iter()
            .filter(|e| !["encoding", "limit"].contains(&e.name) && !GIT_ERRORS.contains(&e.name))
        {
            let code = format!("cjm::{}", entry.name);
            // The import's codes are about Mermaid diagrams, not journeys.
            let diagnostics = if entry.name.starts_with("theme-") {
                crate::render::Palette::from_toml(entry.example).unwrap_err()
            } else if entry.name.starts_with("mermaid-") {
                let kind = crate::import::InputKind::Mermaid;
                crate::import::mermaid(entry.example, kind, "x").diagnostics
            } else {
                crate::compile(entry.example.as_bytes(), &Default::default()).diagnostics
            };
            let codes: Vec<_> = diagnostics.iter().map(|d| d.code.as_str()).collect();
            assert!(codes.contains(&code.as_str()), "{code}: {codes:?}");
        }
    }
}
