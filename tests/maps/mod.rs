//! Hand-built journeys for the map tests: the parser and resolver land
//! separately, so these build `cjm::model::Journey` values directly.
#![allow(dead_code)]

use cjm::model::*;

pub fn tp(id: &str, label: &str) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        label: label.into(),
        description: None,
        channel: None,
        owners: vec![],
        actions: vec![],
        thoughts: vec![],
        emotions: vec![],
        pains: vec![],
        opportunities: vec![],
        insights: vec![],
        lane_texts: Default::default(),
        moment_of_truth: None,
        reach: None,
        metrics: vec![],
        link: None,
        span: Position { line: 1, column: 1 },
    }
}

pub fn stage(id: &str, label: &str, touchpoints: Vec<Touchpoint>) -> Stage {
    Stage {
        id: id.into(),
        label: label.into(),
        description: None,
        owners: vec![],
        reach: None,
        metrics: vec![],
        pains: vec![],
        opportunities: vec![],
        insights: vec![],
        lane_texts: Default::default(),
        emotion_average: None,
        touchpoints,
    }
}

pub fn journey(title: &str, stages: Vec<Stage>) -> Journey {
    Journey {
        version: VERSION,
        title: title.into(),
        description: None,
        lang: None,
        direction: Direction::Ltr,
        personas: vec![],
        teams: vec![],
        channels: vec![],
        stages,
        flows: vec![],
        funnel: vec![],
        emotion_low: None,
        lanes: vec![],
        lane_order: None,
    }
}

pub fn persona(id: &str, label: &str) -> Persona {
    Persona {
        id: id.into(),
        label: label.into(),
        description: None,
        goals: vec![],
        needs: vec![],
        frustrations: vec![],
        quote: None,
    }
}

pub fn emotion(persona: Option<&str>, score: i8, label: Option<&str>) -> Emotion {
    Emotion {
        persona: persona.map(Into::into),
        score,
        label: label.map(Into::into),
    }
}

pub fn metric(name: &str, value: f64, percent: bool) -> Metric {
    Metric {
        name: name.into(),
        value,
        unit: percent.then(|| "%".to_string()),
    }
}

pub fn flow(from: &str, to: &str, label: Option<&str>, is_loop: bool) -> Flow {
    Flow {
        from: from.into(),
        to: to.into(),
        label: label.map(Into::into),
        is_loop,
    }
}

pub fn team(id: &str, label: &str) -> Team {
    Team {
        id: id.into(),
        label: label.into(),
    }
}

pub fn channel(id: &str, label: &str, mode: Option<ChannelMode>) -> Channel {
    Channel {
        id: id.into(),
        label: label.into(),
        mode,
    }
}

/// Fills in what the resolver computes: the funnel and the lowest point.
pub fn finish(mut j: Journey) -> Journey {
    j.funnel = j
        .stages
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0].reach?, w[1].reach?);
            let conversion = if a == 0 { 0.0 } else { b as f64 / a as f64 };
            Some(FunnelStep {
                from: w[0].id.clone(),
                to: w[1].id.clone(),
                conversion,
                drop: 1.0 - conversion,
            })
        })
        .collect();
    let mut low: Option<EmotionLow> = None;
    for t in j.touchpoints() {
        for e in &t.emotions {
            if low.as_ref().is_none_or(|l| e.score < l.score) {
                low = Some(EmotionLow {
                    persona: e.persona.clone(),
                    touchpoint: t.id.clone(),
                    score: e.score,
                });
            }
        }
    }
    j.emotion_low = low;
    j
}

/// The example of language.md §1.
pub fn english() -> Journey {
    let michal = Some("michal");
    let mut waze = tp("waze_pin", "Waze pin on the way to the office");
    waze.channel = Some("waze".into());
    waze.actions = vec!["Notices the pin at a red light".into()];
    waze.emotions = vec![emotion(michal, 1, Some("Curious"))];
    waze.thoughts = vec!["Is it really organic?".into()];
    waze.owners = vec!["marketing".into()];
    let mut fb = tp("fb_post", "Sponsored Facebook post");
    fb.channel = Some("facebook".into());
    fb.emotions = vec![emotion(michal, 2, Some("Amused"))];
    fb.owners = vec!["marketing".into()];
    let mut checkout = tp("checkout", "Checkout");
    checkout.channel = Some("site".into());
    checkout.actions = vec!["Fills the basket and pays".into()];
    checkout.emotions = vec![emotion(michal, -2, Some("Frustrated"))];
    checkout.pains = vec!["Her preferred payment option is missing".into()];
    checkout.opportunities = vec!["Add the two most used local wallets".into()];
    checkout.moment_of_truth = Some(MomentOfTruth {
        note: Some("Pays or abandons the basket".into()),
    });
    checkout.metrics = vec![metric("abandonment", 38.0, true)];
    checkout.owners = vec!["sales".into()];
    let mut magnet = tp("magnet", "Fridge magnet with the shop's number");
    magnet.channel = Some("pickup".into());
    magnet.emotions = vec![emotion(michal, 2, Some("Delighted"))];
    magnet.link = Some("https://example.com/retention-dashboard".into());
    magnet.owners = vec!["support".into()];
    let mut awareness = stage("awareness", "Awareness", vec![waze, fb]);
    awareness.owners = vec!["marketing".into()];
    awareness.reach = Some(12000);
    let mut purchase = stage("purchase", "Purchase", vec![checkout]);
    purchase.owners = vec!["sales".into()];
    purchase.reach = Some(900);
    let mut retention = stage("retention", "Retention", vec![magnet]);
    retention.owners = vec!["support".into()];
    let mut j = journey(
        "Organic produce, online first",
        vec![awareness, purchase, retention],
    );
    j.lang = Some("en".into());
    j.description = Some("From a Waze pin to a weekly basket".into());
    let mut p = persona("michal", "Michal");
    p.description = Some("Married + 2, architect from Ra'anana".into());
    p.goals = vec!["Fresh produce without a trip to the market".into()];
    p.frustrations = vec!["No time to shop on weekday evenings".into()];
    j.personas = vec![p];
    j.teams = vec![
        team("marketing", "Marketing"),
        team("sales", "Online sales"),
        team("support", "Customer service"),
    ];
    j.channels = vec![
        channel("waze", "Waze", Some(ChannelMode::Online)),
        channel("facebook", "Facebook", Some(ChannelMode::Online)),
        channel("site", "Web shop", Some(ChannelMode::Online)),
        channel("pickup", "Pickup point", Some(ChannelMode::Offline)),
    ];
    j.flows = vec![
        flow("waze_pin", "checkout", None, false),
        flow("checkout", "magnet", None, false),
        flow("fb_post", "checkout", Some("Clicks through"), false),
        flow("magnet", "awareness", Some("Brings a friend"), true),
    ];
    finish(j)
}

/// Seed 000 in Hebrew: Michal from Ra'anana, right to left.
pub fn hebrew() -> Journey {
    let m = Some("michal");
    let mut waze = tp("waze", "נעץ ב-Waze בדרך למשרד");
    waze.channel = Some("waze".into());
    waze.actions = vec!["רואה את הנעץ ברמזור אדום".into()];
    waze.emotions = vec![emotion(m, 1, Some("סקרנית"))];
    waze.thoughts = vec!["זה באמת אורגני?".into()];
    let mut fb = tp("fb", "פוסט ממומן בפייסבוק");
    fb.channel = Some("facebook".into());
    fb.emotions = vec![emotion(m, 0, None)];
    fb.insights = vec!["80% מהלקוחות מגיעים מהנייד".into()];
    let mut banner = tp("banner", "באנר באתר חדשות גדול");
    banner.channel = Some("site".into());
    banner.emotions = vec![emotion(m, -1, Some("מוצפת בפרסומות"))];
    let mut pay = tp("pay", "תשלום באתר");
    pay.channel = Some("site".into());
    pay.emotions = vec![emotion(m, -2, Some("מתוסכלת!"))];
    pay.pains = vec!["אין אפשרות לשלם ב-Bit".into()];
    pay.opportunities = vec!["להוסיף Bit ו-PayBox לקופה".into()];
    pay.moment_of_truth = Some(MomentOfTruth {
        note: Some("משלמת או נוטשת את הסל".into()),
    });
    pay.metrics = vec![metric("נטישת סל", 38.0, true)];
    let mut club = tp("club", "מועדון לקוחות עם קופון");
    club.channel = Some("store".into());
    club.emotions = vec![emotion(m, 2, Some("מרוצה"))];
    let mut s1 = stage("awareness", "מודעות", vec![waze, fb, banner]);
    s1.owners = vec!["marketing".into()];
    s1.reach = Some(12000);
    let mut s2 = stage("purchase", "רכישה", vec![pay]);
    s2.owners = vec!["sales".into(), "support".into()];
    s2.reach = Some(900);
    let mut s3 = stage("loyalty", "נאמנות", vec![club]);
    s3.owners = vec!["support".into()];
    s3.reach = Some(400);
    let mut j = journey("המסע של מיכל: ירקות אורגניים אונליין", vec![s1, s2, s3]);
    j.lang = Some("he".into());
    j.direction = Direction::Rtl;
    j.description = Some("מנעץ ב-Waze ועד סל שבועי קבוע".into());
    let mut p = persona("michal", "מיכל");
    p.description = Some("נשואה + 2, אדריכלית מרעננה".into());
    p.goals = vec!["ירקות טריים בלי לצאת לשוק".into()];
    p.frustrations = vec!["אין זמן לקניות בערבים".into()];
    j.personas = vec![p];
    j.teams = vec![
        team("marketing", "שיווק"),
        team("sales", "מכירות אונליין"),
        team("support", "שירות לקוחות"),
    ];
    j.channels = vec![
        channel("waze", "Waze", Some(ChannelMode::Online)),
        channel("facebook", "פייסבוק", Some(ChannelMode::Online)),
        channel("site", "אתר", Some(ChannelMode::Online)),
        channel("store", "חנות", Some(ChannelMode::Offline)),
    ];
    j.flows = vec![
        flow("waze", "pay", Some("לוחצת על הקישור"), false),
        flow("club", "awareness", Some("ממליצה לחברה"), true),
    ];
    finish(j)
}

/// Seed 002 in Persian: an organic shop, two personas.
pub fn persian() -> Journey {
    let (a, b) = (Some("sara"), Some("reza"));
    let mut ad = tp("ad", "تبلیغ در اینستاگرام");
    ad.channel = Some("insta".into());
    ad.emotions = vec![emotion(a, 1, Some("کنجکاو")), emotion(b, 0, None)];
    ad.actions = vec!["صفحه فروشگاه را دنبال می‌کند".into()];
    let mut search = tp("search", "جستجو در گوگل");
    search.channel = Some("google".into());
    search.emotions = vec![emotion(a, 2, Some("امیدوار"))];
    let mut chat = tp("chat", "گفتگوی زنده با پشتیبانی");
    chat.channel = Some("site".into());
    chat.emotions = vec![
        emotion(a, -1, Some("منتظر")),
        emotion(b, -2, Some("عصبانی")),
    ];
    chat.pains = vec!["پاسخ پشتیبانی ۱۰ دقیقه طول می‌کشد".into()];
    chat.opportunities = vec!["پاسخ خودکار برای سؤال‌های رایج".into()];
    let mut pickup = tp("pickup", "پرداخت هنگام تحویل");
    pickup.channel = Some("shop".into());
    pickup.emotions = vec![emotion(a, 1, Some("راضی")), emotion(b, 1, Some("راضی"))];
    pickup.moment_of_truth = Some(MomentOfTruth { note: None });
    let mut magnet = tp("magnet", "آهنربای یخچال با کد تخفیف");
    magnet.channel = Some("shop".into());
    magnet.emotions = vec![emotion(b, 2, Some("خوشحال"))];
    let mut s1 = stage("aware", "آگاهی", vec![ad, search]);
    s1.reach = Some(5000);
    s1.owners = vec!["mkt".into()];
    let mut s2 = stage("consider", "بررسی", vec![chat]);
    s2.reach = Some(1200);
    s2.owners = vec!["support".into()];
    let mut s3 = stage("buy", "خرید", vec![pickup]);
    s3.reach = Some(300);
    let s4 = stage("empty", "وفاداری", vec![]);
    let mut s5 = stage("retain", "حفظ مشتری", vec![magnet]);
    s5.insights = vec!["مشتریان وفادار دوستانشان را می‌آورند".into()];
    let mut j = journey("سفر مشتری فروشگاه میوه ارگانیک", vec![s1, s2, s3, s4, s5]);
    j.lang = Some("fa".into());
    j.direction = Direction::Rtl;
    j.personas = vec![persona("sara", "سارا"), persona("reza", "رضا")];
    j.teams = vec![team("mkt", "بازاریابی"), team("support", "پشتیبانی")];
    j.channels = vec![
        channel("insta", "اینستاگرام", Some(ChannelMode::Online)),
        channel("google", "Google", Some(ChannelMode::Online)),
        channel("site", "وب‌سایت", Some(ChannelMode::Online)),
        channel("shop", "فروشگاه", Some(ChannelMode::Offline)),
    ];
    j.flows = vec![flow("magnet", "ad", None, true)];
    finish(j)
}

/// Long labels, a 60-character word, empty lanes and an empty stage.
pub fn stress_long() -> Journey {
    let long = "This label is deliberately very long so that it must wrap over many lines \
                inside its box without ever being cut or overflowing into a neighbour";
    let word = "Supercalifragilisticexpialidocious-and-then-some-more-letters";
    let mut a = tp("a", long);
    a.description = Some(long.into());
    a.actions = vec![word.into(), long.into()];
    a.emotions = vec![emotion(None, -2, Some(word))];
    a.pains = vec![long.into(); 3];
    a.metrics = vec![metric(word, 123456789.125, false), metric("x", 12.5, true)];
    a.moment_of_truth = Some(MomentOfTruth {
        note: Some(long.into()),
    });
    let mut b = tp("b", word);
    b.emotions = vec![emotion(None, 2, Some(long))];
    b.thoughts = vec![long.into()];
    let mut s1 = stage("s1", long, vec![a]);
    s1.description = Some(long.into());
    s1.owners = vec!["t1".into(), "t2".into(), "t3".into()];
    s1.reach = Some(100);
    let s2 = stage("s2", word, vec![]);
    let mut s3 = stage("s3", "Third", vec![b]);
    s3.reach = Some(1);
    s3.opportunities = vec![long.into()];
    let mut j = journey(long, vec![s1, s2, s3]);
    j.description = Some(long.repeat(3));
    j.teams = vec![team("t1", long), team("t2", word), team("t3", "QA")];
    j.flows = vec![
        flow("a", "b", Some(long), false),
        flow("b", "a", Some(word), true),
        flow("s3", "s1", None, true),
    ];
    finish(j)
}

/// Forty touchpoints in one stage.
pub fn stress_wide() -> Journey {
    let tps = (0..40)
        .map(|i| {
            let mut t = tp(&format!("t{i}"), &format!("Touchpoint number {i}"));
            t.emotions = vec![emotion(None, (i % 5) as i8 - 2, None)];
            if i % 3 == 0 {
                t.pains = vec![format!("Pain {i}")];
            }
            t
        })
        .collect();
    let mut j = journey("Forty touchpoints", vec![stage("only", "Only stage", tps)]);
    j.flows = (0..10)
        .map(|i| {
            flow(
                &format!("t{}", 39 - i),
                &format!("t{i}"),
                Some("back"),
                true,
            )
        })
        .chain((0..10).map(|i| {
            flow(
                &format!("t{i}"),
                &format!("t{}", i + 5),
                Some("skip ahead"),
                false,
            )
        }))
        .collect();
    finish(j)
}

/// Two personas with gaps in their curves; one stage has no touchpoint.
pub fn stress_personas() -> Journey {
    let (a, b) = (Some("a"), Some("b"));
    let mut ts = Vec::new();
    for i in 0..6 {
        let mut t = tp(&format!("t{i}"), &format!("Step {i}"));
        if i != 2 {
            t.emotions
                .push(emotion(a, [2, 1, 0, -1, -2, 2][i], Some("Same label here")));
        }
        if i % 2 == 0 {
            t.emotions
                .push(emotion(b, [2, 1, 0, -1, -2, 2][i], Some("Same label here")));
        }
        ts.push(t);
    }
    let second = ts.split_off(3);
    let mut j = journey(
        "Two personas",
        vec![
            stage("one", "One", ts),
            stage("gap", "Nothing here", vec![]),
            stage("two", "Two", second),
        ],
    );
    j.personas = vec![persona("a", "Anna"), persona("b", "Ben")];
    finish(j)
}

/// A journey with one empty stage and nothing else.
pub fn minimal() -> Journey {
    finish(journey("Empty", vec![stage("s", "Only", vec![])]))
}

/// Every hand-built journey, by name.
pub fn all() -> Vec<(String, Journey)> {
    [
        ("english", english()),
        ("hebrew", hebrew()),
        ("persian", persian()),
        ("stress_long", stress_long()),
        ("stress_wide", stress_wide()),
        ("stress_personas", stress_personas()),
        ("minimal", minimal()),
    ]
    .into_iter()
    .map(|(n, j)| (n.to_string(), j))
    .collect()
}

/// Compiled `.journey` files from the fixtures and examples, once the
/// parser exists; files that don't compile yet are skipped.
pub fn files() -> Vec<(String, Journey)> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/valid", "examples"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "journey"))
            .collect();
        paths.sort();
        for p in paths {
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let result = std::panic::catch_unwind(|| cjm::compile(&bytes, &Default::default()));
            if let Ok(cjm::Compilation {
                journey: Some(j), ..
            }) = result
            {
                let name = format!(
                    "{}__{}",
                    dir.replace('/', "_"),
                    p.file_stem().unwrap_or_default().to_string_lossy()
                );
                out.push((name, j));
            }
        }
    }
    out
}
