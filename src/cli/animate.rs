//! `export FILE.ron --gif OUT.gif`: the decision boundary at every snapshot the file keeps
//! (`train --history`) as an animated GIF for slides, the epoch written on each frame.

use std::path::Path;

use super::{Failure, load_model, print_out};
use crate::session::{DEFAULT_SNAPSHOT_BUDGET, SnapshotStore, export_boundary_gif};

/// Writes the animation of `model`'s snapshots to `out`.
pub(super) fn export_gif(model: &Path, out: &Path) -> Result<(), Failure> {
    let experiment = load_model(model)?;
    let snapshots = experiment.restored_snapshots();
    if snapshots.is_empty() {
        return Err(Failure::usage(format!(
            "{}: has no snapshots to animate; save it with train --save FILE.ron --history",
            model.display()
        )));
    }
    let restored = experiment.restore().map_err(Failure::usage)?;
    let Some(trainer) = restored.trainer else {
        return Err(Failure::usage(restored.data_problem.unwrap_or_default()));
    };
    let store = SnapshotStore::from_snapshots(DEFAULT_SNAPSHOT_BUDGET, snapshots);
    let frames = export_boundary_gif(&trainer, &store, out).map_err(Failure::usage)?;
    print_out(&format!("wrote {} ({frames} frames)", out.display()));
    Ok(())
}
