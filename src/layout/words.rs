//! The few words the map adds itself (lane names, "Goals", "Reach"…), in
//! the journey's language when we know it, so a Hebrew or Persian map
//! does not carry English headings. Numbers are formatted here too, the
//! same way everywhere.

#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub touchpoints: &'static str,
    pub actions: &'static str,
    pub thoughts: &'static str,
    pub emotion: &'static str,
    pub pains: &'static str,
    pub opportunities: &'static str,
    pub insights: &'static str,
    pub metrics: &'static str,
    pub funnel: &'static str,
    pub evidence: &'static str,
    pub frontstage: &'static str,
    pub backstage: &'static str,
    pub support: &'static str,
    /// The service blueprint's lines, above frontstage, backstage and
    /// support.
    pub line_of_interaction: &'static str,
    pub line_of_visibility: &'static str,
    pub line_of_internal_interaction: &'static str,
    /// Before the team's name in the title area of a `--team` view.
    pub team_view: &'static str,
    pub goals: &'static str,
    pub needs: &'static str,
    pub frustrations: &'static str,
    pub moment: &'static str,
    pub reach: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub conversion: &'static str,
    pub drop: &'static str,
    pub biggest_drop: &'static str,
    pub loop_back: &'static str,
    /// The tags and the note of a `cjm diff --format svg` map.
    pub diff_new: &'static str,
    pub diff_changed: &'static str,
    pub diff_removed: &'static str,
}

const EN: Words = Words {
    touchpoints: "Touchpoints",
    actions: "Actions",
    thoughts: "Thoughts",
    emotion: "Emotion",
    pains: "Pain points",
    opportunities: "Opportunities",
    insights: "Insights",
    metrics: "Metrics",
    funnel: "Funnel",
    evidence: "Evidence",
    frontstage: "Frontstage",
    backstage: "Backstage",
    support: "Support processes",
    line_of_interaction: "Line of interaction",
    line_of_visibility: "Line of visibility",
    line_of_internal_interaction: "Line of internal interaction",
    team_view: "Team view",
    goals: "Goals",
    needs: "Needs",
    frustrations: "Frustrations",
    moment: "Moment of truth",
    reach: "Reach",
    online: "online",
    offline: "offline",
    conversion: "Conversion",
    drop: "Drop",
    biggest_drop: "Biggest drop",
    loop_back: "Back to",
    diff_new: "new",
    diff_changed: "changed",
    diff_removed: "removed",
};

const HE: Words = Words {
    touchpoints: "נקודות מגע",
    actions: "פעולות",
    thoughts: "מחשבות",
    emotion: "רגש",
    pains: "נקודות כאב",
    opportunities: "הזדמנויות",
    insights: "תובנות",
    metrics: "מדדים",
    funnel: "משפך",
    evidence: "ראיות",
    frontstage: "קדמת הבמה",
    backstage: "מאחורי הקלעים",
    support: "תהליכי תמיכה",
    line_of_interaction: "קו האינטראקציה",
    line_of_visibility: "קו הנראות",
    line_of_internal_interaction: "קו האינטראקציה הפנימית",
    team_view: "תצוגת צוות",
    goals: "מטרות",
    needs: "צרכים",
    frustrations: "תסכולים",
    moment: "רגע האמת",
    reach: "חשיפה",
    online: "מקוון",
    offline: "לא מקוון",
    conversion: "המרה",
    drop: "נשירה",
    biggest_drop: "הנשירה הגדולה ביותר",
    loop_back: "חזרה אל",
    diff_new: "חדש",
    diff_changed: "שונה",
    diff_removed: "הוסר",
};

const FA: Words = Words {
    touchpoints: "نقاط تماس",
    actions: "اقدامات",
    thoughts: "افکار",
    emotion: "احساس",
    pains: "نقاط درد",
    opportunities: "فرصت‌ها",
    insights: "بینش‌ها",
    metrics: "معیارها",
    funnel: "قیف",
    evidence: "شواهد",
    frontstage: "پیش‌صحنه",
    backstage: "پشت‌صحنه",
    support: "فرایندهای پشتیبان",
    line_of_interaction: "خط تعامل",
    line_of_visibility: "خط دید",
    line_of_internal_interaction: "خط تعامل داخلی",
    team_view: "نمای تیم",
    goals: "اهداف",
    needs: "نیازها",
    frustrations: "ناکامی‌ها",
    moment: "لحظهٔ حقیقت",
    reach: "دسترسی",
    online: "آنلاین",
    offline: "آفلاین",
    conversion: "تبدیل",
    drop: "ریزش",
    biggest_drop: "بیشترین ریزش",
    loop_back: "بازگشت به",
    diff_new: "جدید",
    diff_changed: "تغییر",
    diff_removed: "حذف شد",
};

const AR: Words = Words {
    touchpoints: "نقاط الاتصال",
    actions: "الإجراءات",
    thoughts: "الأفكار",
    emotion: "المشاعر",
    pains: "نقاط الألم",
    opportunities: "الفرص",
    insights: "الرؤى",
    metrics: "المقاييس",
    funnel: "القمع",
    evidence: "الأدلة",
    frontstage: "الواجهة الأمامية",
    backstage: "خلف الكواليس",
    support: "عمليات الدعم",
    line_of_interaction: "خط التفاعل",
    line_of_visibility: "خط الرؤية",
    line_of_internal_interaction: "خط التفاعل الداخلي",
    team_view: "عرض الفريق",
    goals: "الأهداف",
    needs: "الاحتياجات",
    frustrations: "الإحباطات",
    moment: "لحظة الحقيقة",
    reach: "الوصول",
    online: "عبر الإنترنت",
    offline: "خارج الإنترنت",
    conversion: "التحويل",
    drop: "الانخفاض",
    biggest_drop: "أكبر انخفاض",
    loop_back: "العودة إلى",
    diff_new: "جديد",
    diff_changed: "تغيّر",
    diff_removed: "أزيل",
};

/// The words for a BCP 47 tag (its primary language); English otherwise.
pub(crate) fn for_lang(lang: Option<&str>) -> &'static Words {
    let primary = lang
        .and_then(|l| l.split(['-', '_']).next())
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "he" | "iw" => &HE,
        "fa" => &FA,
        "ar" => &AR,
        _ => &EN,
    }
}

/// The words for a journey: from its `lang`, or without one, from the
/// script most of its labels are written in (a right-to-left map without
/// `lang` should not get English headings).
pub(crate) fn for_journey(journey: &crate::model::Journey) -> &'static Words {
    if journey.lang.is_some() {
        return for_lang(journey.lang.as_deref());
    }
    let (mut latin, mut hebrew, mut arabic, mut persian) = (0usize, 0usize, 0usize, 0usize);
    let labels = std::iter::once(journey.title.as_str())
        .chain(journey.stages.iter().map(|s| s.label.as_str()))
        .chain(journey.touchpoints().map(|t| t.label.as_str()));
    for c in labels.flat_map(str::chars) {
        match c {
            '\u{0590}'..='\u{05FF}' => hebrew += 1,
            // Letters only Persian uses: پ چ ژ گ ک ی.
            '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06A9}' | '\u{06CC}' => {
                persian += 1;
                arabic += 1;
            }
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            c if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if hebrew > latin && hebrew >= arabic {
        &HE
    } else if arabic > latin {
        if persian > 0 { &FA } else { &AR }
    } else {
        &EN
    }
}

/// A number with at most two decimals, trailing zeros trimmed, and a
/// thousands separator for the integer part: `12000` → `12,000`,
/// `0.375` → `0.38`, `4.20` → `4.2`.
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let fixed = format!("{:.2}", value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && (grouped != "0" || !frac.is_empty());
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A fraction as a percentage: `0.075` → `7.5%`.
pub(crate) fn percent(fraction: f64) -> String {
    format!("{}%", number(fraction * 100.0))
}

/// A metric value with its unit.
pub(crate) fn metric(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{}{}", number(value), u),
        None => number(value),
    }
}

/// An emotion score with its sign: `+2`, `0`, `-1`.
pub(crate) fn score(score: i8) -> String {
    match score {
        s if s > 0 => format!("+{s}"),
        0 => "0".to_string(),
        s => format!("-{}", -(s as i16)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(4.2), "4.2");
        assert_eq!(number(0.375), "0.38");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(100.0), "100");
        assert_eq!(percent(0.075), "7.5%");
        assert_eq!(metric(38.0, Some("%")), "38%");
        assert_eq!(score(-2), "-2");
        assert_eq!(score(1), "+1");
    }

    #[test]
    fn without_lang_the_script_of_the_labels_decides() {
        let mut j = crate::model::sample::sample();
        j.lang = None;
        assert_eq!(for_journey(&j).emotion, "Emotion");
        j.title = "מסע לקוח".into();
        j.stages[0].label = "מודעות".into();
        j.stages[1].label = "רכישה".into();
        j.stages[2].label = "נאמנות".into();
        j.stages[0].touchpoints[0].label = "נעץ בדרך".into();
        j.stages[1].touchpoints[0].label = "קופה".into();
        assert_eq!(for_journey(&j).emotion, "רגש");
        j.title = "سفر مشتری".into();
        for s in &mut j.stages {
            s.label = "آگاهی".into();
            for t in &mut s.touchpoints {
                t.label = "پرداخت".into();
            }
        }
        assert_eq!(for_journey(&j).emotion, "احساس");
    }

    #[test]
    fn the_blueprint_words_are_translated() {
        for lang in ["he", "fa", "ar"] {
            let w = for_lang(Some(lang));
            for (mine, english) in [
                (w.evidence, EN.evidence),
                (w.frontstage, EN.frontstage),
                (w.backstage, EN.backstage),
                (w.support, EN.support),
                (w.line_of_interaction, EN.line_of_interaction),
                (w.line_of_visibility, EN.line_of_visibility),
                (
                    w.line_of_internal_interaction,
                    EN.line_of_internal_interaction,
                ),
                (w.team_view, EN.team_view),
            ] {
                assert_ne!(mine, english, "{lang}");
                assert!(
                    !mine.chars().any(|c| c.is_ascii_alphabetic()),
                    "{lang}: {mine}"
                );
            }
        }
    }

    #[test]
    fn words_follow_the_primary_language() {
        assert_eq!(for_lang(Some("he-IL")).emotion, "רגש");
        assert_eq!(for_lang(Some("fa")).emotion, "احساس");
        assert_eq!(for_lang(None).emotion, "Emotion");
        assert_eq!(for_lang(Some("de")).emotion, "Emotion");
    }
}
