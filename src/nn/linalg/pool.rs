//! The two-thread hand-off for work cut in halves: how many threads to use, the one helper
//! thread, and [`both`], which runs two halves side by side (spinning briefly rather than
//! parking, so back-to-back mini-batches hand over in microseconds).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Threads for the work split in halves: `MATMUL_NUM_THREADS` if set, else the logical CPUs;
/// at most 2, the number of halves.
pub fn matmul_threads() -> usize {
    std::env::var("MATMUL_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .clamp(1, 2)
}

/// How many pieces of work this process has shared between two threads so far (a product
/// cut in halves, a chunked forward pass): 0 when there is one thread only. For tests and
/// benchmarks that must know the two-thread path ran.
pub fn two_thread_runs() -> u64 {
    TWO_THREAD_RUNS.load(Ordering::Relaxed)
}

/// Counts the calls of [`both_then`] that used the helper thread (see [`two_thread_runs`]).
static TWO_THREAD_RUNS: AtomicU64 = AtomicU64::new(0);

/// The helper thread that computes the second half of split work, or `None` when there is
/// one thread only.
fn helper() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        (matmul_threads() > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(matmul_threads() - 1)
                    .thread_name(|i| format!("matmul-{i}"))
                    .build()
                    .ok()
            })
            .flatten()
    })
    .as_ref()
}

/// Runs both closures: `b` on the helper thread while this thread runs `a`, or one after the
/// other when there is no helper. Each closure does the same work on either thread, so the
/// results do not depend on the number of threads.
///
/// A parked thread takes 30–100 µs to wake on a virtual machine, as long as the half of a
/// mini-batch it is woken for. So this thread spins (up to [`SPIN`]) instead of parking while
/// it waits for `b`, and the helper then spins (up to [`SPIN`]) for the next call, running it
/// as soon as it arrives: back-to-back mini-batches hand over in a few microseconds.
pub(crate) fn both(a: impl FnOnce() + Send, b: impl FnOnce() + Send) {
    both_then(a, b, true);
}

/// [`both`] for a one-off job (a large forward pass), after which the helper may park at once
/// rather than spin for a next call that is not coming and take a core the UI could use.
pub(crate) fn both_once(a: impl FnOnce() + Send, b: impl FnOnce() + Send) {
    both_then(a, b, false);
}

fn both_then(a: impl FnOnce() + Send, b: impl FnOnce() + Send, stay_warm: bool) {
    let Some(pool) = helper() else {
        a();
        b();
        return;
    };
    TWO_THREAD_RUNS.fetch_add(1, Ordering::Relaxed);
    let done = AtomicBool::new(false);
    pool.in_place_scope(|scope| {
        scope.spawn(|_| {
            b();
            done.store(true, Ordering::Release);
        });
        a();
        let start = Instant::now();
        while !done.load(Ordering::Acquire) && start.elapsed() < SPIN {
            std::hint::spin_loop();
        }
    });
    if stay_warm {
        pool.spawn(|| {
            let start = Instant::now();
            while start.elapsed() < SPIN {
                if rayon::yield_now() == Some(rayon::Yield::Executed) {
                    return;
                }
                std::hint::spin_loop();
            }
        });
    }
}

/// How long a thread spins for its partner before it parks (see [`both`]).
const SPIN: Duration = Duration::from_micros(500);
