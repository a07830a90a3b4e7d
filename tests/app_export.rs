//! File ▸ Export from the app: the menu offers the PyTorch export, and the path behind its
//! folder dialog writes a script and the trainer's own weights.

mod common;

use common::harness;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_export_menu_offers_pytorch_and_the_export_writes_the_trainers_weights() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    assert!(
        harness
            .query_by_label("PyTorch script and weights…")
            .is_some(),
        "File ▸ Export lists the PyTorch export"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("xor-torch");
    harness.state_mut().export_pytorch_to(&out);
    harness.run();
    assert!(out.join("model.py").is_file(), "the script is written");
    let bytes = std::fs::read(out.join("weights.safetensors")).unwrap();
    let tensors = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let first = tensors.tensor("layers.0.weight").unwrap();
    let trainer = harness.state_mut().session().trainer();
    let weights = &trainer.network().layers[0].weights;
    assert_eq!(
        first.shape(),
        [weights.nrows(), weights.ncols()],
        "PyTorch's [out, in] layout"
    );
    let stored: Vec<f32> = first
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    assert_eq!(
        stored,
        weights.iter().copied().collect::<Vec<_>>(),
        "the trained weights, bit for bit"
    );
    assert!(
        harness.state().notice().is_some_and(|n| n.contains("model.py")),
        "the notice says what to run: {:?}",
        harness.state().notice()
    );

    // A folder that cannot be made is a message, not a crash.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    harness.state_mut().export_pytorch_to(&file);
    harness.run();
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.starts_with("Can't export for PyTorch")),
        "an error in the notice bar: {:?}",
        harness.state().notice()
    );
}
