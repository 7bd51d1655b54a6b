//! Writes every hand-built map to /tmp/cjm-preview as SVG and PNG, for
//! looking at them: `cargo test --test preview -- --ignored`.

mod common;

#[test]
#[ignore]
fn write_previews() {
    let dir = std::path::Path::new("/tmp/cjm-preview");
    std::fs::create_dir_all(dir).unwrap();
    let mut all = common::all();
    all.extend(common::files());
    for (name, j) in all {
        for (theme, suffix) in [(cjm::Theme::Light, ""), (cjm::Theme::Dark, "-dark")] {
            let options = cjm::RenderOptions {
                theme,
                embed_fonts: true,
            };
            let svg = cjm::render::svg(&j, &options);
            std::fs::write(dir.join(format!("{name}{suffix}.svg")), svg).unwrap();
            if suffix.is_empty() {
                let png = cjm::render::png(&j, &options, 1.0).unwrap();
                std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
            }
        }
    }
}
