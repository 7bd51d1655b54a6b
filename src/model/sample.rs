//! Hand-built model values for unit tests: builders for a touchpoint and a
//! stage, and a journey with every lane filled.

use crate::model::*;

pub(crate) fn touchpoint(id: &str, label: &str) -> Touchpoint {
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

pub(crate) fn stage(id: &str, label: &str, touchpoints: Vec<Touchpoint>) -> Stage {
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

pub(crate) fn sample() -> Journey {
    let mut a = touchpoint("waze_pin", "Waze pin on the way to the office");
    a.channel = Some("waze".into());
    a.actions = vec!["Notices the pin at a red light".into()];
    a.thoughts = vec!["Is it really organic?".into()];
    a.emotions = vec![Emotion {
        persona: Some("michal".into()),
        score: 1,
        label: Some("Curious".into()),
    }];
    a.insights = vec!["Commuters look at the map at red lights".into()];
    let mut b = touchpoint("checkout", "Checkout");
    b.channel = Some("site".into());
    b.emotions = vec![Emotion {
        persona: Some("michal".into()),
        score: -2,
        label: Some("Frustrated".into()),
    }];
    b.pains = vec!["Her preferred payment option is missing".into()];
    b.opportunities = vec!["Add the two most used local wallets".into()];
    b.moment_of_truth = Some(MomentOfTruth {
        note: Some("Pays or abandons the basket".into()),
    });
    b.metrics = vec![Metric {
        name: "abandonment".into(),
        value: 38.0,
        unit: Some("%".into()),
    }];
    b.reach = Some(900);
    b.link = Some("https://example.com/a?b=1&c=\"2\"".into());
    let mut s1 = stage("awareness", "Awareness", vec![a]);
    s1.reach = Some(12000);
    s1.owners = vec!["marketing".into()];
    s1.pains = vec!["Nobody knows the shop".into()];
    let mut s2 = stage("purchase", "Purchase", vec![b]);
    s2.reach = Some(900);
    s2.metrics = vec![Metric {
        name: "orders".into(),
        value: 4.2,
        unit: None,
    }];
    let s3 = stage("retention", "Retention", vec![]);
    Journey {
        version: VERSION,
        title: "Organic produce <online> & \"first\"".into(),
        description: None,
        lang: Some("en".into()),
        direction: Direction::Ltr,
        personas: vec![Persona {
            id: "michal".into(),
            label: "Michal".into(),
            description: Some("Architect".into()),
            goals: vec!["Fresh produce".into()],
            needs: vec![],
            frustrations: vec![],
            quote: Some("No time".into()),
        }],
        teams: vec![Team {
            id: "marketing".into(),
            label: "Marketing".into(),
        }],
        channels: vec![
            Channel {
                id: "waze".into(),
                label: "Waze".into(),
                mode: Some(ChannelMode::Online),
            },
            Channel {
                id: "site".into(),
                label: "Web shop".into(),
                mode: None,
            },
        ],
        stages: vec![s1, s2, s3],
        flows: vec![Flow {
            from: "checkout".into(),
            to: "awareness".into(),
            label: Some("Brings a friend".into()),
            is_loop: true,
        }],
        funnel: vec![FunnelStep {
            from: "awareness".into(),
            to: "purchase".into(),
            conversion: 0.075,
            drop: 0.925,
        }],
        emotion_low: Some(EmotionLow {
            persona: Some("michal".into()),
            touchpoint: "checkout".into(),
            score: -2,
        }),
        lanes: vec![],
        lane_order: None,
    }
}
