//! Zero heap allocations per training step in steady state, proven with a counting global
//! allocator (a correctness property of the hot path, not a timing).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call unchanged to the system allocator; only counts.
#[expect(
    unsafe_code,
    reason = "a global allocator must implement an unsafe trait; this one only counts"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let out = f();
    (out, ALLOCATIONS.load(Ordering::SeqCst) - before)
}

#[test]
fn batch_steps_allocate_nothing_in_steady_state() {
    for (optimizer, hidden, batch) in [
        (Optimizer::Sgd, Activation::Tanh, 10),
        (Optimizer::MOMENTUM, Activation::Relu, 32),
        (Optimizer::ADAM, Activation::LeakyRelu, 16),
    ] {
        let data = Generator::Spiral.generate(Some(1000), 0.0, 1).unwrap();
        let arch = Architecture {
            inputs: 2,
            layers: vec![
                LayerSpec {
                    width: 32,
                    activation: hidden,
                },
                LayerSpec {
                    width: 16,
                    activation: hidden,
                },
                LayerSpec {
                    width: 2,
                    activation: Activation::Softmax,
                },
            ],
        };
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
