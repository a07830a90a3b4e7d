//! Zero heap allocations per training step in steady state, and an idle app frame whose
//! allocations do not grow with the dataset, proven with a counting global allocator (a
//! correctness property of the hot paths, not a timing).

#[expect(
    dead_code,
    reason = "this test uses only the app harness of the shared helpers"
)]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui_kittest::kittest::Queryable as _;
use ndarray::Array2;
use perceptron_lab::app::PerceptronApp;
use perceptron_lab::data::Dataset;
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, Loss, Network, Optimizer, TrainConfig, Trainer,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
/// Bytes asked for by every allocation and reallocation (new size), never decreased.
static ALLOCATED_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call unchanged to the system allocator; only counts.
#[expect(
    unsafe_code,
    reason = "a global allocator must implement an unsafe trait; this one only counts"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The counter is global, so the tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Bytes allocated while `f` runs (on any thread).
fn count_bytes(f: impl FnOnce()) -> usize {
    let before = ALLOCATED_BYTES.load(Ordering::SeqCst);
    f();
    ALLOCATED_BYTES.load(Ordering::SeqCst) - before
}

fn count<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let out = f();
    (out, ALLOCATIONS.load(Ordering::SeqCst) - before)
}

#[test]
fn batch_steps_allocate_nothing_in_steady_state() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (optimizer, hidden, batch) in [
        (Optimizer::Sgd, Activation::Tanh, 10),
        (Optimizer::MOMENTUM, Activation::Relu, 32),
        (Optimizer::ADAM, Activation::LeakyRelu, 16),
    ] {
        let data = Generator::Spiral.generate(Some(1000), 0.0, 1).unwrap();
        let arch = Architecture::of(2, &[(32, hidden), (16, hidden), (2, Activation::Softmax)]);
        let config = TrainConfig {
            loss: Loss::Ce,
            optimizer,
            learning_rate: 0.01,
            l2: 1e-4,
            batch_size: batch,
            seed: 1,
        };
        let mut t = Trainer::new(Network::new(&arch, 1).unwrap(), config, data, None).unwrap();
        // Warm up: the first epoch sizes every buffer (full and last partial batch).
        t.step_epoch().unwrap();
        t.step_batch().unwrap();
        let mut steps = 0;
        let ((), allocations) = count(|| {
            while t.cursor().sample + batch < 1000 {
                t.step_batch().unwrap();
                steps += 1;
            }
        });
        assert!(steps > 5, "measured several steps");
        assert_eq!(
            allocations, 0,
            "{optimizer}, batch {batch}: {allocations} allocations over {steps} steps"
        );
    }
}

/// A mini-batch whose products are split across two threads reuses every buffer of its own;
/// what it allocates is a fixed handful of small blocks per step, however large the batch:
/// `matrixmultiply`'s packing buffer for each blocked product (5 here, 2 of them in halves) and
/// two records per hand-off between the threads (rayon's job and the helper's keep-warm job).
#[test]
fn split_product_steps_allocate_a_fixed_handful_whatever_the_batch() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let rows = 1024;
    let features =
        Array2::from_shape_fn((rows, 64), |(i, j)| ((i * 7 + j * 13) % 17) as f32 / 17.0);
    let labels = (0..rows).map(|i| i % 10).collect();
    let data = Dataset::classification(
        (0..64).map(|j| format!("p{j}")).collect(),
        features,
        (0..10).map(|d| d.to_string()).collect(),
        labels,
    );
    let arch = Architecture::of(64, &[(512, Activation::Relu), (10, Activation::Softmax)]);
    for batch in [64, 128] {
        let config = TrainConfig {
            loss: Loss::Ce,
            optimizer: Optimizer::Sgd,
            learning_rate: 0.01,
            l2: 0.0,
            batch_size: batch,
            seed: 1,
        };
        let network = Network::new(&arch, 1).unwrap();
        let mut t = Trainer::new(network, config, data.clone(), None).unwrap();
        t.step_epoch().unwrap();
        t.step_batch().unwrap();
        let mut steps = 0;
        let ((), allocations) = count(|| {
            while t.cursor().sample + batch < rows {
                t.step_batch().unwrap();
                steps += 1;
            }
        });
        assert!(steps >= 5, "measured several steps");
        // 11 per step, give or take one now and then for rayon's own bookkeeping.
        assert!(
            allocations <= 16 * steps,
            "batch {batch}: {allocations} allocations over {steps} steps, more than the hand-off \
             and one packing buffer per blocked product"
        );
    }
}

/// Bytes allocated by one idle frame of the app (nothing playing, no input) once it has
/// settled, after `open` set it up: the least of several frames after a warm-up, so a stray
/// one-off does not count. Also the size of the training set's features, in bytes.
fn idle_frame_bytes(
    open: impl FnOnce(&mut egui_kittest::Harness<'static, PerceptronApp>),
) -> (usize, usize) {
    let mut harness = common::harness();
    harness.run();
    open(&mut harness);
    harness.run();
    for _ in 0..6 {
        harness.step();
    }
    let frame = (0..6)
        .map(|_| count_bytes(|| harness.step()))
        .min()
        .unwrap_or(usize::MAX);
    let data = harness.state_mut().session().trainer().train_data();
    let data_bytes = data.features.len() * std::mem::size_of::<f32>();
    (frame, data_bytes)
}

/// Bytes an idle frame may differ by between two datasets that the window shows the same
/// way: egui's own per-frame work depends on the widgets, not on the rows; one copy of the
/// smaller training set below is several times this.
const SAME_WIDGETS_SLACK: usize = 32 * 1024;

/// An idle frame draws from a view borrowed from the session: it allocates what egui needs
/// for the widgets, never a copy of the data, the history or the evaluations. The digits
/// example held out 20 % (1437 training images of 64 pixels) or 50 % (899): the same window,
/// and an idle frame that allocates the same, where one copy of the larger training set is
/// ~370 kB.
#[test]
fn an_idle_digits_frame_does_not_grow_with_its_training_set() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let digits = |test_fraction: f64| {
        idle_frame_bytes(move |harness| {
            harness.state_mut().open_shipped_example("digits-confusion");
            harness.run();
            if test_fraction > 0.2 {
                harness
                    .get_by_role_and_label(egui::accesskit::Role::Slider, "Test fraction")
                    .set_value_accesskit(test_fraction);
            }
        })
    };
    let (large_frame, large_data) = digits(0.2);
    let (small_frame, small_data) = digits(0.5);
    assert!(
        large_data > small_data + 100_000,
        "the two splits differ by {} bytes of features",
        large_data - small_data
    );
    assert!(
        large_frame.abs_diff(small_frame) < SAME_WIDGETS_SLACK,
        "an idle frame allocated {large_frame} bytes with {large_data} bytes of training \
         features and {small_frame} bytes with {small_data}: it grows with the data"
    );
}

/// The same for a whole dataset four times larger (a CSV of 64 features and 10 classes, 400
/// or 1600 rows), so a copy of all the data (training and test) is caught too.
#[test]
fn an_idle_frame_does_not_grow_with_the_dataset() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let csv = |rows: usize| {
        let path = dir.path().join(format!("pixels_{rows}.csv"));
        let mut text = String::new();
        for j in 0..64 {
            write!(text, "p{j},").unwrap();
        }
        text.push_str("digit\n");
        for i in 0..rows {
            for j in 0..64 {
                write!(text, "{},", (i * 7 + j * 13) % 17).unwrap();
            }
            writeln!(text, "d{}", i % 10).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        idle_frame_bytes(move |harness| {
            harness.state_mut().open_path(&path);
            harness.state_mut().wait_for_load();
        })
    };
    let (small_frame, small_data) = csv(400);
    let (large_frame, large_data) = csv(1600);
    assert_eq!(large_data, 4 * small_data, "four times the rows");
    assert!(
        large_frame.abs_diff(small_frame) < SAME_WIDGETS_SLACK,
        "an idle frame allocated {small_frame} bytes with {small_data} bytes of training \
         features and {large_frame} bytes with {large_data}: it grows with the data"
    );
}
