//! The direct writer against the `svg` crate's output (`oracle`), and the
//! streamed, batched, parallel writer against the one-piece document.

use super::*;
use crate::layout::scene::{Group, Item};

fn compiled(text: &str) -> Journey {
    let compilation = crate::compile(text.as_bytes(), &crate::CompileOptions::default());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    compilation.journey.expect("no errors, so a model")
}

/// A generated journey (Latin, Hebrew and Persian labels) in `lang`.
fn generated(touchpoints: usize, seed: u64, lang: &str) -> Journey {
    let text = crate::testgen::journey(touchpoints, seed);
    compiled(&text.replacen("  lang en\n", &format!("  lang {lang}\n"), 1))
}

fn options(theme: Theme, embed_fonts: bool) -> RenderOptions {
    RenderOptions { theme, embed_fonts }
}

/// Hostile text in every place a scene holds text: runs, titles, links,
/// `data-*` values (some names repeated or out of order), and groups with
/// nothing visible.
fn hostile(scene: &mut Scene) {
    const BAD: &str = "a\"b'c<d>e&f</title><script>alert(1)</script>&amp;\u{202e}שלום";
    fn walk(items: &mut Vec<Item>, depth: usize) {
        let mut empty_text = None;
        for item in items.iter_mut() {
            match item {
                Item::Text(t) => {
                    for run in t.lines.iter_mut().flat_map(|l| &mut l.runs) {
                        run.text.push_str(BAD);
                    }
                    let mut empty = t.clone();
                    empty.lines.iter_mut().for_each(|l| l.runs.clear());
                    empty_text = Some(empty);
                }
                Item::Group(g) => {
                    g.data.push(("zeta", BAD.to_string()));
                    g.data.push(("alpha", "first".to_string()));
                    g.data.push(("zeta", format!("{BAD} again")));
                    g.title = Some(format!("{}{BAD}", g.title.clone().unwrap_or_default()));
                    if depth % 2 == 1 {
                        g.href = Some(format!("https://example.com/?q=\"><x y='{BAD}"));
                    }
                    walk(&mut g.items, depth + 1);
                }
                Item::Rect(_) | Item::Path(_) | Item::Circle(_) => {}
            }
        }
        // Groups that write no child: `<g …/>`.
        items.push(Item::Group(Box::new(Group::new("empty").with("x", BAD))));
        if let Some(empty) = empty_text {
            let mut g = Group::new("blank");
            g.items.push(Item::Text(empty.clone()));
            items.push(Item::Group(Box::new(g)));
            items.push(Item::Text(empty));
        }
    }
    walk(&mut scene.items, 0);
}

#[test]
fn the_document_is_the_one_the_svg_crate_writes() {
    let mut journeys = vec![
        crate::model::sample::sample(),
        generated(30, 1, "en"),
        generated(30, 2, "he"),
    ];
    journeys[0].title = "T <&> \"q\" 'a'".into();
    journeys[0].description = Some("</desc><script>&</script>".into());
    for journey in &journeys {
        let scene = crate::layout::layout(journey);
        let mut bad = scene.clone();
        hostile(&mut bad);
        for scene in [scene, bad] {
            let brand = crate::render::Palette::from_toml("base = \"dark\"\npage = \"#101820\"");
            let brand = Theme::Custom(std::sync::Arc::new(brand.unwrap()));
            for theme in [Theme::Light, Theme::Dark, brand] {
                for embed in [false, true] {
                    let options = options(theme.clone(), embed);
                    let ours = to_string(journey, scene.clone(), &options);
                    let theirs = oracle::document(journey, &scene, &options);
                    assert!(ours == theirs, "{} {theme:?} {embed}", journey.title);
                }
            }
        }
    }
}

/// `write_batched` on a pool of `threads`.
fn batched(
    journey: &Journey,
    scene: &Scene,
    options: &RenderOptions,
    batch: usize,
    threads: usize,
) -> Vec<u8> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        let mut out = Vec::new();
        write_batched(journey, scene.clone(), options, &mut out, batch)
            .expect("a Vec takes every write");
        out
    })
}

#[test]
fn batch_size_and_thread_count_do_not_change_a_byte() {
    for journey in [generated(300, 3, "en"), generated(300, 4, "fa")] {
        let scene = crate::layout::layout(&journey);
        assert!(stream::size(&scene.items) >= stream::PARALLEL_FROM);
        let options = RenderOptions::default();
        let whole = to_string(&journey, scene.clone(), &options);
        assert!(whole.len() > 1_000_000, "{}", whole.len());
        for (batch, threads) in [
            (1, 1),
            (1, 3),
            (7, 2),
            (32, 4),
            (33, 2),
            (512, 2),
            (1_000_000, 1),
        ] {
            let streamed = batched(&journey, &scene, &options, batch, threads);
            assert!(
                streamed == whole.as_bytes(),
                "batch {batch}, {threads} threads"
            );
        }
    }
}

/// A writer recording the size of each write.
struct Sizes(Vec<usize>);

impl Write for Sizes {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.push(buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_big_map_is_sent_in_small_pieces() {
    let journey = generated(300, 5, "en");
    let scene = crate::layout::layout(&journey);
    let mut sizes = Sizes(Vec::new());
    write_to(&journey, scene, &RenderOptions::default(), &mut sizes).expect("no error");
    let total: usize = sizes.0.iter().sum();
    let biggest = sizes.0.iter().copied().max().unwrap_or(0);
    assert!(total > 1_000_000, "{total}");
    // The biggest is the head with the fonts' style, a seventh of the map.
    assert!(
        biggest < total / 5,
        "a write of {biggest} bytes out of {total}"
    );
}
