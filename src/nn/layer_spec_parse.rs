//! TEMPORARY (replaced at merge by the engine branch's FromStr for LayerSpec).

use std::str::FromStr;

use super::{ConfigError, LayerSpec};

impl FromStr for LayerSpec {
    type Err = ConfigError;

    fn from_str(part: &str) -> Result<Self, Self::Err> {
        let part = part.trim();
        let (width, activation) = part.split_once(':').unwrap_or((part, "tanh"));
        let width = width.trim().parse::<usize>().map_err(|_| {
            ConfigError::invalid(
                "hidden layer",
                format!("'{part}' is not WIDTH:ACTIVATION (for example 8:tanh)"),
            )
        })?;
        Ok(Self {
            width,
            activation: activation.trim().parse()?,
        })
    }
}

impl LayerSpec {
    /// Parses a comma-separated list; empty parts are skipped ("" = no hidden layer).
    pub fn parse_list(spec: &str) -> Result<Vec<Self>, ConfigError> {
        spec.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect()
    }
}
