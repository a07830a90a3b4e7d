//! A CSV source's path in an experiment file: made relative to the file's folder when
//! saved, resolved against it when read.

use std::path::{Component, Path, PathBuf};

use super::source::DataSource;

impl DataSource {
    /// The source as saved in an experiment file in folder `dir`: a CSV path made relative to
    /// `dir` where possible. Other sources are returned unchanged.
    #[must_use]
    pub fn relative_to(&self, dir: &Path) -> Self {
        let mut copy = self.clone();
        if let Self::Csv { path, .. } = &mut copy
            && path.is_absolute()
        {
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            if let Some(relative) = relative_path(path, &dir) {
                *path = relative;
            }
        }
        copy
    }

    /// The source as read from an experiment file in folder `dir`: a relative CSV path is
    /// resolved against `dir`.
    #[must_use]
    pub fn resolved_from(&self, dir: &Path) -> Self {
        let mut copy = self.clone();
        if let Self::Csv { path, .. } = &mut copy
            && path.is_relative()
        {
            *path = dir.join(&*path);
        }
        copy
    }
}

/// `path` relative to the folder `base` (both absolute), e.g. `../data/x.csv`.
fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    // Different roots or drives cannot be related.
    if path.first() != base.first() {
        return None;
    }
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..base.len() {
        relative.push("..");
    }
    for part in &path[common..] {
        relative.push(part.as_os_str());
    }
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ImportOptions;

    #[test]
    fn relative_paths_walk_up_and_down() {
        let rel = relative_path(Path::new("/a/b/data/x.csv"), Path::new("/a/b/models")).unwrap();
        assert_eq!(
            rel,
            PathBuf::from("../data/x.csv"),
            "up out of models, down into data"
        );
        let rel = relative_path(Path::new("/a/x.csv"), Path::new("/a")).unwrap();
        assert_eq!(rel, PathBuf::from("x.csv"), "same folder");
        let source = DataSource::Csv {
            path: "/tmp/p/x.csv".into(),
            content_hash: String::new(),
            options: ImportOptions::default(),
            preprocessing: None,
        };
        let saved = source.relative_to(Path::new("/tmp/p/m"));
        assert_eq!(
            saved.resolved_from(Path::new("/tmp/p/m")).to_string(),
            "/tmp/p/m/../x.csv",
            "round trip"
        );
    }
}
