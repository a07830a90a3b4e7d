//! The training history: rewinding to a snapshot and continuing gives bit for bit the run
//! that was, and the snapshot store keeps within its byte budget, thinning older epochs.

use perceptron_lab::nn::{Network, Optimizer, OptimizerState, Snapshot, Trainer};
use perceptron_lab::session::{KEEP_RECENT, Session, Setup, SnapshotStore};

/// The default experiment (noisy XOR, 4 tanh, softmax) with Adam, so the optimizer state
/// matters, and mini-batches of 7, so the shuffle matters.
fn setup() -> Setup {
    let mut setup = Setup::default();
    setup.config.optimizer = Optimizer::ADAM;
    setup.config.learning_rate = 0.05;
    setup.config.batch_size = 7;
    setup
}

fn session() -> Session {
    let setup = setup();
    let trainer = setup.build().unwrap();
    Session::new(setup, trainer)
}

/// Every weight, bias and optimizer moment as raw bits.
fn bits(network: &Network, state: &OptimizerState) -> Vec<u32> {
    let params = network
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(l.biases.iter()));
    let moments = state.moments.iter().flat_map(|m| {
        m.weights
            .iter()
            .chain(&m.biases)
            .chain(&m.weights_sq)
            .chain(&m.biases_sq)
    });
    params.chain(moments).map(|v| v.to_bits()).collect()
}

fn trainer_bits(t: &Trainer) -> Vec<u32> {
    bits(t.network(), t.optimizer_state())
}

#[test]
fn continuing_from_epoch_8_repeats_every_later_epoch_bit_for_bit() {
    let mut s = session();
    let mut original = vec![trainer_bits(s.trainer())];
    for _ in 0..20 {
        s.step_epoch();
        original.push(trainer_bits(s.trainer()));
    }
    assert_eq!(s.trainer().cursor().epoch, 20, "trained 20 epochs");
    assert_eq!(
        s.snapshots().epochs().collect::<Vec<_>>(),
        (0..=20).collect::<Vec<_>>(),
        "one snapshot per epoch begun, the start included"
    );
    let history = s.trainer().history().to_vec();
    assert_ne!(original[8], original[20], "training changed the weights");

    s.continue_from(8).unwrap();
    assert_eq!(s.trainer().cursor().epoch, 8, "rewound to epoch 8");
    assert_eq!(
        s.trainer().history(),
        &history[..8],
        "later records dropped"
    );
    assert_eq!(
        s.snapshots().newest_epoch(),
        Some(8),
        "later snapshots dropped"
    );
    assert_eq!(trainer_bits(s.trainer()), original[8], "epoch 8's state");
    for (epoch, expected) in original.iter().enumerate().skip(9) {
        s.step_epoch();
        assert_eq!(
            &trainer_bits(s.trainer()),
            expected,
            "epoch {epoch} differs after continuing from epoch 8"
        );
    }
    assert_eq!(
        s.trainer().history(),
        &history[..],
        "the same losses and accuracies"
    );
}

#[test]
fn viewing_a_snapshot_changes_nothing() {
    let mut s = session();
    for _ in 0..5 {
        s.step_epoch();
    }
    let live = trainer_bits(s.trainer());
    let past = s.trainer_at(2).unwrap();
    assert_eq!(past.cursor().epoch, 2, "the view is at epoch 2");
    assert_ne!(trainer_bits(&past), live, "epoch 2 had other weights");
    assert_eq!(trainer_bits(s.trainer()), live, "the live run is untouched");
    assert!(
        s.trainer_at(99).is_err(),
        "an epoch never reached has no snapshot"
    );
}

#[test]
fn the_store_keeps_within_its_budget_and_thins_older_epochs() {
    let setup = setup();
    let mut trainer = setup.build().unwrap();
    let one = trainer.snapshot().unwrap().bytes();
    // Room for 40 snapshots.
    let budget = 40 * one + one / 2;
    let mut store = SnapshotStore::new(budget);
    let mut most = 0;
    store.record(&trainer);
    trainer.set_epoch_evaluation(false);
    for _ in 0..1000 {
        trainer.step_epoch().unwrap();
        assert!(store.record(&trainer), "every new epoch is kept");
        assert!(
            store.bytes() <= budget,
            "{} bytes held, budget {budget}",
            store.bytes()
        );
        most = most.max(store.len());
    }
    let counted: usize = store.snapshots().iter().map(Snapshot::bytes).sum();
    assert_eq!(store.bytes(), counted, "the running count is exact");
    assert_eq!(
        store.bytes(),
        store.len() * one,
        "every snapshot the same size"
    );
    assert!(most <= 40, "never more than the budget's 40: {most}");
    let epochs: Vec<usize> = store.epochs().collect();
    assert_eq!(epochs[0], 0, "the start is kept: {epochs:?}");
    let recent: Vec<usize> = epochs[epochs.len() - KEEP_RECENT..].to_vec();
    assert_eq!(
        recent,
        (1000 - KEEP_RECENT + 1..=1000).collect::<Vec<_>>(),
        "the recent epochs are all kept: {epochs:?}"
    );
    let gaps: Vec<usize> = epochs.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps.windows(2).all(|g| g[0] >= g[1]),
        "older epochs are spaced at least as widely as newer ones: {epochs:?}"
    );
    assert!(
        gaps[0] >= 16 * gaps[gaps.len() - 1],
        "the spacing grows with age (log-spaced): {epochs:?}"
    );
}

#[test]
fn a_snapshot_larger_than_the_budget_is_refused() {
    let trainer = setup().build().unwrap();
    let one = trainer.snapshot().unwrap().bytes();
    let mut store = SnapshotStore::new(one - 1);
    assert!(!store.record(&trainer), "does not fit");
    assert_eq!((store.len(), store.bytes(), store.refused()), (0, 0, 1));
}

#[test]
fn the_gif_has_one_frame_per_kept_epoch_with_the_epoch_written_on_it() {
    use image::AnimationDecoder as _;
    use perceptron_lab::session::{FRAME_SIZE, boundary_frames, write_gif};

    let mut s = session();
    for _ in 0..6 {
        s.step_epoch();
    }
    let frames = boundary_frames(s.trainer(), s.snapshots(), FRAME_SIZE).unwrap();
    assert_eq!(frames.len(), 7, "epochs 0 to 6");
    let corner = |f: &image::RgbaImage| -> Vec<u8> {
        use image::GenericImageView as _;
        f.view(0, 0, 87, 21).to_image().into_raw()
    };
    assert!(
        corner(&frames[1]) != corner(&frames[2]),
        "the label differs between epoch 1 and epoch 2"
    );
    let mut bytes = Vec::new();
    write_gif(frames, &mut bytes).unwrap();
    let decoded = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(bytes))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(decoded.len(), 7, "one frame per kept epoch");
    assert!(
        decoded
            .iter()
            .all(|f| f.buffer().dimensions() == (FRAME_SIZE, FRAME_SIZE)),
        "every frame full size"
    );
}

#[test]
fn full_speed_training_on_the_training_thread_keeps_a_snapshot_of_every_epoch() {
    use perceptron_lab::session::MAX_SPEED;

    let mut s = session();
    s.speed = MAX_SPEED;
    s.set_playing(true);
    // Frames: settle, tick, end_frame (the trainer trains away between frames).
    let mut frames = 0;
    while s.trainer().cursor().epoch < 30 && frames < 10_000 {
        s.settle();
        s.tick(0.016);
        s.end_frame();
        std::thread::sleep(std::time::Duration::from_millis(2));
        s.settle();
        frames += 1;
    }
    s.set_playing(false);
    let epoch = s.trainer().cursor().epoch;
    assert!(epoch >= 30, "trained at full speed: epoch {epoch}");
    let kept: Vec<usize> = s.snapshots().epochs().collect();
    let all: Vec<usize> = (0..=kept[kept.len() - 1]).collect();
    assert_eq!(kept, all, "every epoch begun, on either thread, is kept");
    assert_eq!(
        s.snapshots().newest_epoch(),
        Some(epoch),
        "up to the start of the live epoch"
    );
}

/// The README's figures (run with a release build:
/// `cargo test --release --test history -- --ignored --nocapture`): the default 256 MiB
/// budget at digits scale over 1000 real epochs, and at 60 000×784 scale (a 784-128-64-10
/// Adam network, snapshots pushed for 1000 epochs without training: their size does not
/// depend on the values).
#[test]
#[ignore = "slow in debug builds; measures the README's figures"]
fn budget_figures_for_the_readme() {
    use perceptron_lab::nn::{Activation, Architecture, LayerSpec, TrainConfig};
    use perceptron_lab::session::{DEFAULT_SNAPSHOT_BUDGET, open_shipped_example};

    let opened = open_shipped_example("digits-confusion").unwrap();
    let mut trainer = opened.trainer;
    let mut store = SnapshotStore::default();
    store.record(&trainer);
    let start = std::time::Instant::now();
    for _ in 0..1000 {
        trainer.step_epoch().unwrap();
        store.record(&trainer);
    }
    assert!(
        store.bytes() <= DEFAULT_SNAPSHOT_BUDGET,
        "within the budget"
    );
    println!(
        "digits {:?}, {} parameters: {} snapshots, {} bytes ({:.1} MiB), {} bytes each, first epochs {:?}, {:.1} s",
        trainer.network().architecture().layers.len(),
        trainer.network().parameter_count(),
        store.len(),
        store.bytes(),
        store.bytes() as f64 / 1_048_576.0,
        store.snapshots()[0].bytes(),
        store.epochs().take(8).collect::<Vec<_>>(),
        start.elapsed().as_secs_f64()
    );

    let layer = |width, activation| LayerSpec { width, activation };
    let architecture = Architecture {
        inputs: 784,
        layers: vec![
            layer(128, Activation::Relu),
            layer(64, Activation::Relu),
            layer(10, Activation::Softmax),
        ],
    };
    let network = Network::new(&architecture, 1).unwrap();
    let state = OptimizerState::new(Optimizer::ADAM, &network);
    let config = TrainConfig {
        loss: perceptron_lab::nn::Loss::Ce,
        optimizer: Optimizer::ADAM,
        learning_rate: 0.001,
        l2: 0.0,
        batch_size: 64,
        seed: 1,
    };
    let mut store = SnapshotStore::default();
    let mut most = 0;
    for epoch in 0..=1000 {
        store.push(Snapshot {
            epoch,
            config,
            network: network.clone(),
            state: state.clone(),
        });
        most = most.max(store.bytes());
    }
    assert!(most <= DEFAULT_SNAPSHOT_BUDGET, "within the budget");
    println!(
        "784-128-64-10 Adam, {} parameters: {} snapshots after 1000 epochs, {} bytes ({:.1} MiB, most {:.1} MiB), {} bytes each, epochs {:?}",
        network.parameter_count(),
        store.len(),
        store.bytes(),
        store.bytes() as f64 / 1_048_576.0,
        most as f64 / 1_048_576.0,
        store.snapshots()[0].bytes(),
        store.epochs().collect::<Vec<_>>()
    );
}
