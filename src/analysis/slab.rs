//! A list of plain numbers that is either owned or a part of a file's bytes (the claim index
//! kept beside a store is mapped into memory and used where it lies, not copied).

use bytemuck::Pod;
use std::ops::Deref;
use std::sync::Arc;

/// What the bytes a [`Slab`] may lie in are: a mapped file or a buffer, neither ever changed
/// or moved once made (a slab keeps the place of its items, not only their offset).
pub(super) enum Backing {
    Mapped(memmap2::Mmap),
    /// Bytes read into memory (the tests' index files).
    #[cfg(test)]
    Buffer(Vec<u8>),
}

impl Backing {
    pub(super) fn bytes(&self) -> &[u8] {
        match self {
            Backing::Mapped(map) => map,
            #[cfg(test)]
            Backing::Buffer(buffer) => buffer,
        }
    }
}

/// The bytes a [`Slab`] may lie in, shared by the slabs that lie in them.
pub(super) type Bytes = Arc<Backing>;

/// A list of `T`, owned or lying in shared bytes.
pub(super) enum Slab<T> {
    Owned(Vec<T>),
    /// `len` items at `items`, which lie in `bytes` (checked to fit and to be aligned when
    /// made): read as a slice with no check and no call, as the index's rows are read for
    /// every claim of every analysis.
    Shared {
        /// What keeps the items where they lie.
        _bytes: Bytes,
        items: *const T,
        len: usize,
    },
}

// SAFETY: a shared slab's items are plain numbers (`Pod`) that nothing changes once the bytes
// are made; the bytes they lie in are kept alive by the slab's own `Arc`, whose backing is a
// mapping or a buffer that never moves. Sending or sharing the slab shares read-only numbers.
unsafe impl<T: Send + Sync> Send for Slab<T> {}
// SAFETY: as for `Send`: shared slabs are never written through.
unsafe impl<T: Sync> Sync for Slab<T> {}

impl<T: Pod> Slab<T> {
    /// `len` items at byte `start` of `bytes`, if they fit and are aligned for `T`.
    pub(super) fn shared(bytes: &Bytes, start: usize, len: usize) -> Option<Self> {
        let end = start.checked_add(len.checked_mul(std::mem::size_of::<T>())?)?;
        let part = bytes.bytes().get(start..end)?;
        let items: &[T] = bytemuck::try_cast_slice::<u8, T>(part).ok()?;
        Some(Slab::Shared {
            _bytes: Arc::clone(bytes),
            items: items.as_ptr(),
            len,
        })
    }
}

impl<T> Deref for Slab<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            Slab::Owned(items) => items,
            // SAFETY: `items` and `len` were a slice of `bytes` when the slab was made (fitting
            // and aligned, checked by `shared`), and `bytes`, held here, neither moves nor
            // changes while the slab lives.
            Slab::Shared { items, len, .. } => unsafe { std::slice::from_raw_parts(*items, *len) },
        }
    }
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab::Owned(Vec::new())
    }
}

impl<T> From<Vec<T>> for Slab<T> {
    fn from(items: Vec<T>) -> Self {
        Slab::Owned(items)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Slab::Owned(_) => "owned",
            Slab::Shared { .. } => "shared",
        };
        write!(f, "Slab({kind}, {} items)", self.len())
    }
}
