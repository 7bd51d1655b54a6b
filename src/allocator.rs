//! The allocator of the `cjm` binary (also used by `benches/stages.rs`,
//! so that the stages are timed as the command line runs them).

/// jemalloc rather than the C library's allocator: the layout and the SVG
/// writer allocate and free many small strings on every core, and with
/// glibc's per-thread arenas a big map spent about a fifth of its time in
/// the allocator, its locks and its page faults. jemalloc builds the same
/// 5,000-touchpoint map in about four fifths of the time (see
/// docs/performance.md). The library leaves the choice to its users.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (before `main`): one arena
/// shared by the threads (each still has its own cache of small blocks)
/// instead of one per thread, which kept a big map's peak memory a fifth
/// higher for no measurable speed.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 10] = b"narenas:1\0";
