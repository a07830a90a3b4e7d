//! How the app writes numbers: 3 significant digits with a true minus sign (the one format of
//! every panel), percentages and durations.

/// 3 significant digits, with a true minus sign: `0.42`, `−1.3`, `1.23e-5`.
pub fn sig3(value: f32) -> String {
    let text = if !value.is_finite() {
        format!("{value}")
    } else if value == 0.0 {
        "0".to_owned()
    } else {
        let magnitude = value.abs().log10().floor() as i32;
        if (-3..5).contains(&magnitude) {
            let decimals = (2 - magnitude).max(0) as usize;
            let s = format!("{value:.decimals$}");
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                s
            }
        } else {
            format!("{value:.2e}")
        }
    };
    text.replace('-', "\u{2212}")
}

/// Parses a number written by [`sig3`] (true minus signs included).
pub fn parse_sig3(text: &str) -> Option<f32> {
    text.trim().replace('\u{2212}', "-").parse().ok()
}

/// A fraction as a percentage with 3 significant digits ("97.5%"), "—" when undefined.
pub fn percent(value: Option<f32>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{}%", sig3(v * 100.0)))
}

/// A duration as "1.2 s", "3 min 04 s" or "1 h 02 min".
pub fn duration(secs: f64) -> String {
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else if secs < 3600.0 {
        let whole = secs as u64;
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        let whole = secs as u64;
        format!("{} h {:02} min", whole / 3600, (whole % 3600) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sig3_keeps_three_significant_digits() {
        assert_eq!(
            sig3(0.421_7),
            "0.422",
            "three digits after the leading zero"
        );
        assert_eq!(sig3(0.012_345), "0.0123", "small values keep three digits");
        assert_eq!(sig3(4.5678), "4.57", "rounded");
        assert_eq!(
            sig3(-1.3),
            "\u{2212}1.3",
            "true minus, trailing zeros dropped"
        );
        assert_eq!(sig3(123.4), "123", "no decimals for hundreds");
        assert_eq!(sig3(-789.2), "\u{2212}789", "integers past three digits");
        assert_eq!(
            sig3(1_234_567.0),
            "1.23e6",
            "large values in scientific notation"
        );
        assert_eq!(
            parse_sig3(&sig3(-0.000_123_4)),
            Some(-0.000_123),
            "round trip"
        );
    }

    #[test]
    fn percentages_and_durations() {
        assert_eq!(percent(None), "—", "undefined precision is a dash, not 0");
        assert_eq!(percent(Some(0.975)), "97.5%", "percent");
        assert_eq!(duration(12.34), "12.3 s", "seconds with one decimal");
        assert_eq!(duration(184.0), "3 min 04 s", "minutes and seconds");
        assert_eq!(duration(3720.0), "1 h 02 min", "hours and minutes");
    }
}
