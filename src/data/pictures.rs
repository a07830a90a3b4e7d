//! Tables whose features are the pixels of a square picture: columns named `pixel0`… or
//! `p0`… in order (MNIST's `label,pixel0,…,pixel783`, the 8×8 digits), recognised so the app
//! shows pictures and the non-pixel column is the default target.

/// The square picture whose pixels are the columns `names`, when they are called `pixel0`,
/// `pixel1`, … or `p0`, `p1`, … in order and there are a square number of them (at least 4).
pub fn image_shape(names: &[&str]) -> Option<(usize, usize)> {
    let side = names.len().isqrt();
    if side < 2 || side * side != names.len() {
        return None;
    }
    ["pixel", "p"]
        .iter()
        .any(|prefix| {
            names.iter().enumerate().all(|(i, name)| {
                name.strip_prefix(prefix)
                    .is_some_and(|number| number == i.to_string())
            })
        })
        .then_some((side, side))
}

/// The one column that is not a pixel when all the others are a picture's (`label` of
/// `label,pixel0,…,pixel783`): the target a user of such a file means.
pub(super) fn image_target(headers: &[String]) -> Option<usize> {
    (0..headers.len()).find(|&t| {
        let others: Vec<&str> = headers
            .iter()
            .enumerate()
            .filter(|&(c, _)| c != t)
            .map(|(_, name)| name.as_str())
            .collect();
        image_shape(&others).is_some()
    })
}
