//! Heap accounting, so that a server can cancel queries before they exhaust the machine's
//! memory.
//!
//! SPARQL engines hold some intermediate results whole: `ORDER BY` over a cartesian product
//! collects every solution before it sorts. A query's time limit alone does not bound that
//! memory — within 30 seconds such a query can take gigabytes. [`CountingAllocator`] keeps a
//! running count of the bytes allocated and not yet freed (one relaxed atomic addition per
//! allocation); [`serve`](crate::serve::serve) cancels every running query when the count
//! passes its `max_memory`. The `negkg` binary installs it; a program using the library opts in
//! with
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: negkg::memory::CountingAllocator = negkg::memory::CountingAllocator;
//! # fn main() {
//! let words = vec!["counted"; 1000];
//! assert!(negkg::memory::heap_in_use().unwrap_or(0) >= words.len());
//! # }
//! ```

use mimalloc::MiMalloc as Inner;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

static IN_USE: AtomicUsize = AtomicUsize::new(0);

/// mimalloc, counting the bytes in use.
///
/// mimalloc rather than the system allocator: building and dropping a projection of a large
/// graph, or the rows of an analysis, makes and frees millions of small strings, which glibc's
/// allocator spends a third of the time on (measured in BENCHMARKS.md). In builds with the
/// on-disk store mimalloc also takes the place of `malloc` and `free` for the whole process
/// (its `override` feature): the RocksDB binding frees some strings the C++ library allocated
/// with `malloc` (its error messages, such as "the store is locked") through the Rust
/// allocator, so both must be the same allocator.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountingAllocator;

// SAFETY: every call is passed to the inner allocator unchanged; the counter only observes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        let pointer = unsafe { Inner.alloc(layout) };
        if !pointer.is_null() {
            IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let pointer = unsafe { Inner.alloc_zeroed(layout) };
        if !pointer.is_null() {
            IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from this allocator with this layout (the caller's contract).
        unsafe { Inner.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`, and `new_size` is valid for `layout`'s alignment.
        let moved = unsafe { Inner.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        moved
    }
}

/// Bytes allocated and not yet freed, or `None` when [`CountingAllocator`] is not the
/// program's global allocator (nothing has been counted).
pub fn heap_in_use() -> Option<usize> {
    match IN_USE.load(Ordering::Relaxed) {
        0 => None,
        bytes => Some(bytes),
    }
}

/// The machine's physical memory in bytes, where the system tells it (Linux: `/proc/meminfo`).
pub fn physical_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    parse_mem_total(&meminfo)
}

fn parse_mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let mut words = line["MemTotal:".len()..].split_whitespace();
    let number: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") => number.checked_mul(1024),
        None => Some(number),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_total_is_read_in_bytes() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:         1000 kB\n";
        assert_eq!(parse_mem_total(meminfo), Some(24_576_000 * 1024));
        assert_eq!(parse_mem_total("MemFree: 3 kB\n"), None);
        assert_eq!(parse_mem_total("MemTotal: lots kB\n"), None);
    }
}
