//! Dates a sentence gives relative to the day the article was published: "on Friday", "last
//! week", "yesterday".

use super::text::lowercase_in_place;
use crate::model::Date;

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Resolves "on Friday", "last week", "yesterday" in `sentence` against `published`.
pub(super) fn resolve_date(sentence: &str, published: Date) -> (Date, Option<String>) {
    let lower = lowercase_in_place(sentence);
    let shift = |days: i64| date_from_days(published.days_since_epoch() - days);
    // 1970-01-01 was a Thursday.
    let weekday_of = |date: Date| ((date.days_since_epoch() + 3).rem_euclid(7)) as usize;
    if let Some(at) = lower.find("last week") {
        let _ = at;
        return (shift(7), Some("last week".into()));
    }
    if lower.contains("yesterday") {
        return (shift(1), Some("yesterday".into()));
    }
    for (index, day) in WEEKDAYS.iter().enumerate() {
        for phrase in [
            format!("on {day}"),
            format!("{day}'s"),
            format!("{day}’s"),
            format!("last {day}"),
        ] {
            if lower.contains(&phrase) {
                let back = (weekday_of(published) + 7 - index) % 7;
                let back = if phrase.starts_with("last") && back == 0 {
                    7
                } else {
                    back
                };
                return (shift(back as i64), Some(phrase));
            }
        }
    }
    (published, None)
}

pub(super) fn date_from_days(days: i64) -> Date {
    Date::from_days_since_epoch(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_resolve_against_the_publication_day() {
        let monday: Date = "2025-05-19".parse().unwrap();
        assert_eq!(
            resolve_date("talks in Istanbul on Friday", monday)
                .0
                .to_string(),
            "2025-05-16"
        );
        assert_eq!(
            resolve_date("Mr Trump said on Monday", monday)
                .0
                .to_string(),
            "2025-05-19"
        );
        assert_eq!(
            resolve_date("Last week, his negotiators", monday)
                .0
                .to_string(),
            "2025-05-12"
        );
        assert_eq!(
            resolve_date("yesterday", monday).0.to_string(),
            "2025-05-18"
        );
        assert_eq!(resolve_date("nothing relative", monday).0, monday);
    }
}
